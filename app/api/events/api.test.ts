import { describe, expect, it } from 'vitest';
import { addMember, buildApiToken, buildEvent, buildUser, sessionCookieFor } from '@/test/builders';
import { callRoute } from '@/test/call-route';
import * as events from './route';
import * as event from './[slug]/route';
import * as invites from './[slug]/invites/route';
import * as rooms from './[slug]/rooms/route';
import * as room from './[slug]/rooms/[roomId]/route';
import * as slots from './[slug]/slots/route';
import * as slot from './[slug]/slots/[slotId]/route';
import * as accept from '../invites/[token]/accept/route';
import * as tokens from '../tokens/route';
import * as token from '../tokens/[id]/route';

const newEvent = { title: 'Harbour Unconf', timezone: 'Europe/London', startDate: '2026-06-11', endDate: '2026-06-12' };

async function signedIn() {
  const user = await buildUser();
  return { user, cookie: await sessionCookieFor(user) };
}

describe('POST /api/events', () => {
  it('401 for anonymous callers', async () => {
    const r = await callRoute(events.POST, 'POST', {}, { body: newEvent });
    expect(r.status).toBe(401);
    expect(r.json?.error?.code).toBe('unauthenticated');
  });

  it('201 with an absolute url; the caller becomes organiser', async () => {
    const { cookie } = await signedIn();
    const r = await callRoute(events.POST, 'POST', {}, { body: { ...newEvent, visibility: 'PRIVATE' }, cookie });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      title: 'Harbour Unconf',
      role: 'ORGANISER',
      visibility: 'PRIVATE',
      startDate: '2026-06-11',
    });
    expect(r.json?.url).toMatch(/^http:\/\/localhost:3000\/e\/harbour-unconf/);
  });

  it('gives a second event with the same title its own slug, but refuses a taken explicit slug with 409', async () => {
    const { cookie } = await signedIn();
    const a = await callRoute(events.POST, 'POST', {}, { body: newEvent, cookie });
    const b = await callRoute(events.POST, 'POST', {}, { body: newEvent, cookie });
    expect(a.json?.slug).not.toBe(b.json?.slug);
    const c = await callRoute(events.POST, 'POST', {}, { body: { ...newEvent, slug: a.json?.slug }, cookie });
    expect(c.status).toBe(409);
    expect(c.json?.error?.field).toBe('slug');
  });

  it.each([
    [{ ...newEvent, title: '' }, 'title'],
    [{ ...newEvent, timezone: 'Mars/Olympus' }, 'timezone'],
    [{ ...newEvent, startDate: '2026-13-01' }, 'startDate'],
    [{ ...newEvent, endDate: '2026-06-01' }, 'endDate'],
    [{ ...newEvent, slug: 'Not A Slug!' }, 'slug'],
    [{ ...newEvent, visibility: 'SECRET' }, 'visibility'],
    [{ ...newEvent, surprise: true }, ''],
  ])('400 names the failing field (%#)', async (body, field) => {
    const { cookie } = await signedIn();
    const r = await callRoute(events.POST, 'POST', {}, { body, cookie });
    expect(r.status).toBe(400);
    expect(r.json?.error?.code).toBe('bad_request');
    if (field) expect(r.json?.error?.field).toBe(field);
  });

  it('400 for a body that is not JSON', async () => {
    const { cookie } = await signedIn();
    const r = await callRoute(events.POST, 'POST', {}, { rawBody: '{nope', cookie });
    expect(r.status).toBe(400);
  });

  it('403 for guests, who belong to one event only', async () => {
    const { event } = await buildEvent();
    const guest = await buildUser({ isGuest: true, guestEventId: event.id, email: null });
    const r = await callRoute(events.POST, 'POST', {}, { body: newEvent, cookie: await sessionCookieFor(guest) });
    expect(r.status).toBe(403);
  });

  it('accepts a personal API token as Bearer, and 401s a wrong one', async () => {
    const { user } = await signedIn();
    const bearer = await buildApiToken(user.id);
    expect((await callRoute(events.POST, 'POST', {}, { body: newEvent, bearer })).status).toBe(201);
    expect(
      (await callRoute(events.POST, 'POST', {}, { body: newEvent, bearer: 'hw_forged-token-forged-token-forged' }))
        .status,
    ).toBe(401);
  });
});

describe('GET and PATCH /api/events/{slug}', () => {
  it('a public event is readable by anyone; a private one is 404 to non-members and anonymous callers', async () => {
    const pub = await buildEvent({ visibility: 'PUBLIC' });
    const priv = await buildEvent({ visibility: 'PRIVATE' });
    const { cookie } = await signedIn();
    expect((await callRoute(event.GET, 'GET', { slug: pub.event.slug })).status).toBe(200);
    expect((await callRoute(event.GET, 'GET', { slug: priv.event.slug })).status).toBe(404);
    expect((await callRoute(event.GET, 'GET', { slug: priv.event.slug }, { cookie })).status).toBe(404);
    expect((await callRoute(event.GET, 'GET', { slug: 'no-such-event' })).status).toBe(404);
  });

  it('PATCH: 401 anonymous, 403 attendee, 403 organiser of another event, 200 organiser, 400 invalid', async () => {
    const { event: ev, organiserId } = await buildEvent({ visibility: 'PUBLIC' });
    const attendee = await buildUser();
    await addMember(ev.id, attendee.id);
    const other = await buildEvent();
    const otherOrganiser = await db_user(other.organiserId);
    const organiser = await db_user(organiserId);
    const patch = { title: 'Renamed' };
    expect((await callRoute(event.PATCH, 'PATCH', { slug: ev.slug }, { body: patch })).status).toBe(401);
    expect(
      (
        await callRoute(
          event.PATCH,
          'PATCH',
          { slug: ev.slug },
          { body: patch, cookie: await sessionCookieFor(attendee) },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await callRoute(
          event.PATCH,
          'PATCH',
          { slug: ev.slug },
          { body: patch, cookie: await sessionCookieFor(otherOrganiser) },
        )
      ).status,
    ).toBe(403);
    const ok = await callRoute(
      event.PATCH,
      'PATCH',
      { slug: ev.slug },
      { body: { ...patch, settings: { guestsAllowed: false } }, cookie: await sessionCookieFor(organiser) },
    );
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ title: 'Renamed', settings: { guestsAllowed: false, votesPerAttendee: 3 } });
    const bad = await callRoute(
      event.PATCH,
      'PATCH',
      { slug: ev.slug },
      { body: { endDate: '2020-01-01' }, cookie: await sessionCookieFor(organiser) },
    );
    expect(bad.status).toBe(400);
    expect(bad.json?.error?.field).toBe('endDate');
  });
});

async function db_user(id: string) {
  const { db } = await import('@/lib/db');
  return db.user.findUniqueOrThrow({ where: { id } });
}

describe('invites', () => {
  it('organisers create links that make the holder a member; limits are enforced', async () => {
    const { event: ev, organiserId } = await buildEvent({ visibility: 'PRIVATE' });
    const cookie = await sessionCookieFor(await db_user(organiserId));
    const inv = await callRoute(
      invites.POST,
      'POST',
      { slug: ev.slug },
      { body: { role: 'ATTENDEE', maxUses: 1 }, cookie },
    );
    expect(inv.status).toBe(201);
    expect(inv.json?.url).toMatch(new RegExp(`/join/${inv.json?.token}$`));

    const joiner = await buildUser();
    const bearer = await buildApiToken(joiner.id);
    expect((await callRoute(event.GET, 'GET', { slug: ev.slug }, { bearer })).status).toBe(404);
    const ok = await callRoute(accept.POST, 'POST', { token: String(inv.json?.token) }, { bearer });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ role: 'ATTENDEE', eventSlug: ev.slug });
    expect((await callRoute(event.GET, 'GET', { slug: ev.slug }, { bearer })).json?.role).toBe('ATTENDEE');

    const late = await buildUser();
    const used = await callRoute(
      accept.POST,
      'POST',
      { token: String(inv.json?.token) },
      { cookie: await sessionCookieFor(late) },
    );
    expect(used.status).toBe(409);
  });

  it('attendees cannot create invites (403); anonymous accept is 401; a bad token is 404 or 400', async () => {
    const { event: ev } = await buildEvent({ visibility: 'PUBLIC' });
    const attendee = await buildUser();
    await addMember(ev.id, attendee.id);
    expect(
      (await callRoute(invites.POST, 'POST', { slug: ev.slug }, { body: {}, cookie: await sessionCookieFor(attendee) }))
        .status,
    ).toBe(403);
    expect((await callRoute(accept.POST, 'POST', { token: 'a'.repeat(24) })).status).toBe(401);
    expect(
      (await callRoute(accept.POST, 'POST', { token: 'a'.repeat(24) }, { cookie: await sessionCookieFor(attendee) }))
        .status,
    ).toBe(404);
    expect(
      (await callRoute(accept.POST, 'POST', { token: 'bad token!' }, { cookie: await sessionCookieFor(attendee) }))
        .status,
    ).toBe(400);
  });
});

describe('rooms and slots', () => {
  it('organisers manage them; others cannot; times are ISO 8601 and shown in the event zone', async () => {
    const { event: ev, organiserId } = await buildEvent({ visibility: 'PUBLIC', timezone: 'Europe/London' });
    const cookie = await sessionCookieFor(await db_user(organiserId));
    const attendee = await buildUser();
    await addMember(ev.id, attendee.id);
    const attendeeCookie = await sessionCookieFor(attendee);

    const r = await callRoute(rooms.POST, 'POST', { slug: ev.slug }, { body: { name: 'Aft', capacity: 40 }, cookie });
    expect(r.status).toBe(201);
    expect(typeof r.json?.id).toBe('string');
    expect((await callRoute(rooms.POST, 'POST', { slug: ev.slug }, { body: { name: 'Aft' }, cookie })).status).toBe(
      409,
    );
    expect(
      (await callRoute(rooms.POST, 'POST', { slug: ev.slug }, { body: { name: 'Bow' }, cookie: attendeeCookie }))
        .status,
    ).toBe(403);
    expect(
      (await callRoute(rooms.POST, 'POST', { slug: ev.slug }, { body: { name: 'Bow', capacity: -1 }, cookie })).json
        ?.error?.field,
    ).toBe('capacity');
    const roomId = String(r.json?.id);
    expect(
      (await callRoute(room.PATCH, 'PATCH', { slug: ev.slug, roomId }, { body: { capacity: 45 }, cookie })).json
        ?.capacity,
    ).toBe(45);
    expect((await callRoute(room.GET, 'GET', { slug: ev.slug, roomId })).json?.name).toBe('Aft');
    expect((await callRoute(rooms.GET, 'GET', { slug: ev.slug })).json?.rooms).toHaveLength(1);

    const s = await callRoute(
      slots.POST,
      'POST',
      { slug: ev.slug },
      { body: { startsAt: '2026-06-11T09:00:00Z', endsAt: '2026-06-11T09:45:00Z', kind: 'SESSION' }, cookie },
    );
    expect(s.status).toBe(201);
    expect(s.json).toMatchObject({ day: '2026-06-11', start: '10:00', end: '10:45', kind: 'SESSION' });
    const backwards = await callRoute(
      slots.POST,
      'POST',
      { slug: ev.slug },
      { body: { startsAt: '2026-06-11T10:00:00Z', endsAt: '2026-06-11T09:00:00Z' }, cookie },
    );
    expect(backwards.status).toBe(400);
    expect(backwards.json?.error?.field).toBe('endsAt');
    expect(
      (
        await callRoute(
          slots.POST,
          'POST',
          { slug: ev.slug },
          { body: { startsAt: 'tomorrow', endsAt: '2026-06-11T09:00:00Z' }, cookie },
        )
      ).json?.error?.field,
    ).toBe('startsAt');
    const slotId = String(s.json?.id);
    expect((await callRoute(slot.DELETE, 'DELETE', { slug: ev.slug, slotId }, { cookie: attendeeCookie })).status).toBe(
      403,
    );
    expect((await callRoute(slot.DELETE, 'DELETE', { slug: ev.slug, slotId }, { cookie })).status).toBe(204);
    expect((await callRoute(slot.GET, 'GET', { slug: ev.slug, slotId })).status).toBe(404);
    expect((await callRoute(room.DELETE, 'DELETE', { slug: ev.slug, roomId }, { cookie })).status).toBe(204);
  });

  it('a room id from another event is 404 even for an organiser of both', async () => {
    const a = await buildEvent();
    const b = await buildEvent({ organiserId: a.organiserId });
    const cookie = await sessionCookieFor(await db_user(a.organiserId));
    const r = await callRoute(rooms.POST, 'POST', { slug: a.event.slug }, { body: { name: 'Aft' }, cookie });
    expect(
      (
        await callRoute(
          room.PATCH,
          'PATCH',
          { slug: b.event.slug, roomId: String(r.json?.id) },
          { body: { name: 'X' }, cookie },
        )
      ).status,
    ).toBe(404);
  });
});

describe('API tokens', () => {
  it('are shown once, listed without the secret, and deleted by their owner only', async () => {
    const { user, cookie } = await signedIn();
    const created = await callRoute(tokens.POST, 'POST', {}, { body: { name: 'script' }, cookie });
    expect(created.status).toBe(201);
    expect(created.json?.token).toMatch(/^hw_/);
    const list = await callRoute(tokens.GET, 'GET', {}, { cookie });
    expect(JSON.stringify(list.json)).not.toContain(String(created.json?.token));
    const other = await signedIn();
    expect(
      (await callRoute(token.DELETE, 'DELETE', { id: String(created.json?.id) }, { cookie: other.cookie })).status,
    ).toBe(404);
    expect((await callRoute(token.DELETE, 'DELETE', { id: String(created.json?.id) }, { cookie })).status).toBe(204);
    expect(
      (await callRoute(events.POST, 'POST', {}, { body: newEvent, bearer: String(created.json?.token) })).status,
    ).toBe(401);
    expect(user.id).toBeTruthy();
  });
});

describe('cross-site requests', () => {
  it('a cookie-authenticated write from another origin is refused; our own origin passes', async () => {
    const { cookie } = await signedIn();
    const req = (origin: string) =>
      events.POST(
        new Request('http://localhost:3000/api/events', {
          method: 'POST',
          headers: { cookie, origin, host: 'localhost:3000', 'content-type': 'application/json' },
          body: JSON.stringify(newEvent),
        }),
        { params: Promise.resolve({}) },
      );
    expect((await req('https://evil.example')).status).toBe(403);
    expect((await req('http://localhost:3000')).status).toBe(201);
  });
});
