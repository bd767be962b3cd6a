import { afterAll, describe, expect, it } from 'vitest';
import { BoardEventBus } from '@/lib/board/board-events';
import { db } from '@/lib/db';
import { buildRoom, buildSession, buildSlot } from '@/test/builders';
import { callRoute } from '@/test/call-route';
import { eventWithRoles, ROLES, type RoleName } from '@/test/event-roles';
import * as agendaIcs from '../../../agenda/[token]/agenda.ics/route';
import * as agendaFeed from '../agenda-feed/route';
import * as room from '../rooms/[roomId]/route';
import * as rooms from '../rooms/route';
import * as scheduleIcs from '../schedule.ics/route';
import * as schedule from '../schedule/route';
import * as sessions from '../sessions/route';
import * as copyDay from '../slots/copy-day/route';
import * as slot from '../slots/[slotId]/route';
import * as slots from '../slots/route';
import * as board from './route';
import * as stream from './stream/route';

// The board's read routes, slot rules, room order, iCal feeds and the live change stream.

async function scheduled(settings: Record<string, unknown> = {}, visibility: 'PUBLIC' | 'PRIVATE' = 'PUBLIC') {
  const ctx = await eventWithRoles({ settings, visibility });
  const room = await buildRoom(ctx.event.id, { name: 'Aft' });
  const s9 = await buildSlot(ctx.event.id, { startsAt: new Date('2026-06-11T09:00:00Z') });
  const placed = await buildSession(ctx.event.id, {
    title: 'Placed',
    proposerId: ctx.users.attendee.id,
    roomId: room.id,
    slotId: s9.id,
  });
  const waiting = await buildSession(ctx.event.id, { title: 'Waiting', proposerId: ctx.users.guest.id });
  await db.vote.create({ data: { sessionId: waiting.id, userId: ctx.users.attendee.id } });
  return { ...ctx, room, s9, placed, waiting };
}

describe('GET /api/events/{slug}/board', () => {
  it('gives each viewer their rights, votes and (organisers only) warnings; private events 404 to outsiders', async () => {
    const b = await scheduled();
    const anon = await callRoute(board.GET, 'GET', { slug: b.event.slug });
    expect(anon.status).toBe(200);
    expect(anon.json?.viewer).toMatchObject({ userId: null, canSchedule: false, canVote: false, canPropose: false });
    expect(anon.json?.people).toEqual([]);
    const att = await callRoute(board.GET, 'GET', { slug: b.event.slug }, { cookie: b.cookies.attendee });
    expect(att.json?.viewer).toMatchObject({ role: 'ATTENDEE', canVote: true, votesUsed: 1, canPlaceOwn: false });
    const sessionsOf = (r: typeof att) =>
      r.json?.sessions as { title: string; votes: number | null; myVotes: number; canMove: boolean }[];
    expect(sessionsOf(att).find((s) => s.title === 'Waiting')).toMatchObject({ votes: 1, myVotes: 1, canMove: false });
    const org = await callRoute(board.GET, 'GET', { slug: b.event.slug }, { cookie: b.cookies.organiser });
    expect(org.json?.viewer).toMatchObject({ canSchedule: true });
    expect(sessionsOf(org).every((s) => s.canMove)).toBe(true);
    const priv = await scheduled({}, 'PRIVATE');
    expect((await callRoute(board.GET, 'GET', { slug: priv.event.slug })).status).toBe(404);
    expect(
      (await callRoute(board.GET, 'GET', { slug: priv.event.slug }, { cookie: priv.cookies.otherOrganiser })).status,
    ).toBe(404);
    expect((await callRoute(board.GET, 'GET', { slug: priv.event.slug }, { cookie: priv.cookies.guest })).status).toBe(
      200,
    );
  });

  it('hides vote totals of unscheduled proposals from attendees when the organisers say so', async () => {
    const b = await scheduled({ hideVotesUntilScheduled: true });
    const find = (r: Awaited<ReturnType<typeof callRoute>>, t: string) =>
      (r.json?.sessions as { title: string; votes: number | null; myVotes: number }[]).find((s) => s.title === t);
    const att = await callRoute(board.GET, 'GET', { slug: b.event.slug }, { cookie: b.cookies.attendee });
    expect(find(att, 'Waiting')).toMatchObject({ votes: null, myVotes: 1 });
    expect(find(att, 'Placed')).toMatchObject({ votes: 0 });
    const org = await callRoute(board.GET, 'GET', { slug: b.event.slug }, { cookie: b.cookies.organiser });
    expect(find(org, 'Waiting')).toMatchObject({ votes: 1 });
  });

  it('barcamp mode lets members move their own sessions only, until the board is locked', async () => {
    const b = await scheduled({ barcampMode: true });
    const canMove = async (role: RoleName) =>
      Object.fromEntries(
        (
          (await callRoute(board.GET, 'GET', { slug: b.event.slug }, { cookie: b.cookies[role] })).json?.sessions as {
            title: string;
            canMove: boolean;
          }[]
        ).map((s) => [s.title, s.canMove]),
      );
    expect(await canMove('attendee')).toEqual({ Placed: true, Waiting: false });
    expect(await canMove('guest')).toEqual({ Placed: false, Waiting: true });
    expect(await canMove('otherOrganiser')).toEqual({ Placed: false, Waiting: false });
    await db.event.update({
      where: { id: b.event.id },
      data: { settings: JSON.stringify({ barcampMode: true, boardLocked: true }) },
    });
    expect(await canMove('attendee')).toEqual({ Placed: false, Waiting: false });
  });
});

describe('GET /api/events/{slug}/schedule, schedule.ics and the personal agenda feed', () => {
  it('the schedule lists scheduled sessions only, with absolute notes urls; 404 for hidden events', async () => {
    const b = await scheduled();
    for (const role of ROLES) {
      const r = await callRoute(schedule.GET, 'GET', { slug: b.event.slug }, { cookie: b.cookies[role] });
      expect(r.status).toBe(200);
      expect(r.json?.sessions).toEqual([
        expect.objectContaining({
          title: 'Placed',
          roomId: b.room.id,
          slotId: b.s9.id,
          url: expect.stringMatching(/^http:\/\/localhost:3000\/e\/.+\/s\//),
        }),
      ]);
    }
    const priv = await scheduled({}, 'PRIVATE');
    expect((await callRoute(schedule.GET, 'GET', { slug: priv.event.slug })).status).toBe(404);
    expect(
      (await callRoute(scheduleIcs.GET, 'GET', { slug: priv.event.slug }, { cookie: priv.cookies.otherOrganiser }))
        .status,
    ).toBe(404);
  });

  it('schedule.ics is an iCalendar of the scheduled sessions', async () => {
    const b = await scheduled();
    const r = await scheduleIcs.GET(new Request('http://localhost:3000/x'), {
      params: Promise.resolve({ slug: b.event.slug }),
    });
    expect(r.headers.get('content-type')).toContain('text/calendar');
    const body = await r.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR/);
    expect(body).toContain('SUMMARY:Placed');
    expect(body).toContain('DTSTART:20260611T090000Z');
    expect(body).toContain('LOCATION:Aft');
    expect(body).not.toContain('Waiting');
  });

  it('the agenda feed is a secret URL of one person’s starred sessions; anonymous 401; rotation kills the old URL', async () => {
    const b = await scheduled();
    expect((await callRoute(agendaFeed.POST, 'POST', { slug: b.event.slug }, { body: {} })).status).toBe(401);
    await db.star.create({ data: { userId: b.users.guest.id, sessionId: b.placed.id } });
    const feed = await callRoute(
      agendaFeed.POST,
      'POST',
      { slug: b.event.slug },
      { body: {}, cookie: b.cookies.guest },
    );
    const url = String(feed.json?.url);
    expect(url).toMatch(/\/api\/agenda\/[\w-]{20,}\/agenda\.ics$/);
    expect(
      (await callRoute(agendaFeed.POST, 'POST', { slug: b.event.slug }, { body: {}, cookie: b.cookies.guest })).json
        ?.url,
    ).toBe(url);
    const token = url.split('/').at(-2)!;
    const ics = await agendaIcs.GET(new Request(url), { params: Promise.resolve({ token }) });
    expect(await ics.text()).toContain('SUMMARY:Placed');
    const rotated = await callRoute(
      agendaFeed.POST,
      'POST',
      { slug: b.event.slug },
      { body: { rotate: true }, cookie: b.cookies.guest },
    );
    expect(rotated.json?.url).not.toBe(url);
    expect((await callRoute(agendaIcs.GET, 'GET', { token })).status).toBe(404);
    expect((await callRoute(agendaIcs.GET, 'GET', { token: 'not a token' })).status).toBe(404);
  });
});

describe('slot rules: POST and PATCH alike', () => {
  it('a slot outside the event’s dates is 400; an overlapping one 409; local times are read in the event’s zone', async () => {
    const ctx = await eventWithRoles({ timezone: 'Europe/London' });
    const cookie = ctx.cookies.organiser;
    const post = (body: unknown) => callRoute(slots.POST, 'POST', { slug: ctx.event.slug }, { body, cookie });
    const first = await post({ day: '2026-06-11', start: '09:00', end: '09:45' });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      startsAt: '2026-06-11T08:00:00.000Z',
      start: '09:00',
      end: '09:45',
      day: '2026-06-11',
    });
    const before = await post({ startsAt: '2026-06-10T09:00:00Z', endsAt: '2026-06-10T10:00:00Z' });
    expect(before.status).toBe(400);
    expect(before.json?.error?.message).toMatch(/runs from 2026-06-11 to 2026-06-12/);
    expect((await post({ day: '2026-06-13', start: '09:00', end: '10:00' })).status).toBe(400);
    const overlap = await post({ day: '2026-06-11', start: '09:30', end: '10:30' });
    expect(overlap.status).toBe(409);
    expect(overlap.json?.error?.message).toBe('Overlaps the 09:00–09:45 slot on 2026-06-11');
    expect((await post({ day: '2026-06-11', start: '09:45', end: '10:30' })).status).toBe(201);

    // PATCH enforces the same rules (it used to accept anything).
    const id = String(first.json?.id);
    const patch = (body: unknown) =>
      callRoute(slot.PATCH, 'PATCH', { slug: ctx.event.slug, slotId: id }, { body, cookie });
    expect((await patch({ end: '10:00' })).status).toBe(409);
    expect((await patch({ day: '2026-06-20' })).status).toBe(400);
    expect((await patch({ startsAt: '2026-06-11T07:00:00Z', endsAt: '2026-06-11T06:00:00Z' })).json?.error?.field).toBe(
      'endsAt',
    );
    expect((await patch({ start: '08:30', end: '09:30', label: 'Early' })).json).toMatchObject({
      start: '08:30',
      end: '09:30',
      label: 'Early',
    });
  });

  it('a slot holding sessions cannot become a break (409); deleting it unschedules them', async () => {
    const b = await scheduled();
    const cookie = b.cookies.organiser;
    expect(
      (
        await callRoute(
          slot.PATCH,
          'PATCH',
          { slug: b.event.slug, slotId: b.s9.id },
          { body: { kind: 'BREAK' }, cookie },
        )
      ).status,
    ).toBe(409);
    expect((await callRoute(slot.DELETE, 'DELETE', { slug: b.event.slug, slotId: b.s9.id }, { cookie })).status).toBe(
      204,
    );
    expect(await db.session.findUniqueOrThrow({ where: { id: b.placed.id } })).toMatchObject({
      status: 'PROPOSED',
      slotId: null,
      roomId: null,
    });
  });

  it('copy day: same wall-clock times on another day; organisers only; refused when it would overlap', async () => {
    const ctx = await eventWithRoles({ timezone: 'Europe/London' });
    const cookie = ctx.cookies.organiser;
    for (const [start, end, kind] of [
      ['09:00', '09:45', 'SESSION'],
      ['12:00', '13:00', 'BREAK'],
    ]) {
      expect(
        (
          await callRoute(
            slots.POST,
            'POST',
            { slug: ctx.event.slug },
            { body: { day: '2026-06-11', start, end, kind }, cookie },
          )
        ).status,
      ).toBe(201);
    }
    const body = { fromDay: '2026-06-11', toDay: '2026-06-12' };
    for (const role of ['anonymous', 'guest', 'attendee', 'otherOrganiser'] as const) {
      expect(
        (await callRoute(copyDay.POST, 'POST', { slug: ctx.event.slug }, { body, cookie: ctx.cookies[role] })).status,
      ).toBe(role === 'anonymous' ? 401 : 403);
    }
    const r = await callRoute(copyDay.POST, 'POST', { slug: ctx.event.slug }, { body, cookie });
    expect(r.status).toBe(201);
    expect(r.json?.slots).toEqual([
      expect.objectContaining({ day: '2026-06-12', start: '09:00', kind: 'SESSION' }),
      expect.objectContaining({ day: '2026-06-12', start: '12:00', kind: 'BREAK' }),
    ]);
    expect((await callRoute(copyDay.POST, 'POST', { slug: ctx.event.slug }, { body, cookie })).status).toBe(409);
    expect(
      (
        await callRoute(
          copyDay.POST,
          'POST',
          { slug: ctx.event.slug },
          { body: { fromDay: '2026-06-11', toDay: '2026-06-14' }, cookie },
        )
      ).status,
    ).toBe(400);
  });
});

describe('DELETE a room that holds sessions', () => {
  it('unschedules them; attendees and other organisers cannot delete (403)', async () => {
    const b = await scheduled();
    for (const role of ['attendee', 'guest', 'otherOrganiser'] as const) {
      expect(
        (await callRoute(room.DELETE, 'DELETE', { slug: b.event.slug, roomId: b.room.id }, { cookie: b.cookies[role] }))
          .status,
      ).toBe(403);
    }
    expect(
      (
        await callRoute(
          room.DELETE,
          'DELETE',
          { slug: b.event.slug, roomId: b.room.id },
          { cookie: b.cookies.organiser },
        )
      ).status,
    ).toBe(204);
    expect(await db.session.findUniqueOrThrow({ where: { id: b.placed.id } })).toMatchObject({
      status: 'PROPOSED',
      roomId: null,
      slotId: null,
    });
  });
});

describe('PUT /api/events/{slug}/rooms (order)', () => {
  it('organisers reorder; the list must name every room once', async () => {
    const ctx = await eventWithRoles();
    const [a, b2] = [
      await buildRoom(ctx.event.id, { name: 'A', order: 0 }),
      await buildRoom(ctx.event.id, { name: 'B', order: 1 }),
    ];
    expect(
      (
        await callRoute(
          rooms.PUT,
          'PUT',
          { slug: ctx.event.slug },
          { body: { order: [b2.id, a.id] }, cookie: ctx.cookies.attendee },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await callRoute(
          rooms.PUT,
          'PUT',
          { slug: ctx.event.slug },
          { body: { order: [b2.id] }, cookie: ctx.cookies.organiser },
        )
      ).status,
    ).toBe(400);
    const r = await callRoute(
      rooms.PUT,
      'PUT',
      { slug: ctx.event.slug },
      { body: { order: [b2.id, a.id] }, cookie: ctx.cookies.organiser },
    );
    expect((r.json?.rooms as { name: string }[]).map((x) => x.name)).toEqual(['B', 'A']);
  });
});

describe('GET /api/events/{slug}/board/stream (Server-Sent Events)', () => {
  async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, needle: string): Promise<string> {
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(needle)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before ${needle}: ${text}`);
      text += decoder.decode(value);
    }
    return text;
  }

  it('sends change events for proposals and moves, and stops when the client goes away', async () => {
    const b = await scheduled();
    const abort = new AbortController();
    const res = await stream.GET(new Request('http://localhost:3000/x', { signal: abort.signal }), {
      params: Promise.resolve({ slug: b.event.slug }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await readUntil(reader, 'event: ready');
    await callRoute(
      sessions.POST,
      'POST',
      { slug: b.event.slug },
      { body: { title: 'New one' }, cookie: b.cookies.attendee },
    );
    expect(await readUntil(reader, 'event: change')).toContain('"kind":"session"');
    abort.abort();
    await reader.cancel().catch(() => undefined);
  });

  it('is 404 for events the caller may not see', async () => {
    const priv = await scheduled({}, 'PRIVATE');
    const r = await stream.GET(new Request('http://localhost:3000/x'), {
      params: Promise.resolve({ slug: priv.event.slug }),
    });
    expect(r.status).toBe(404);
  });
});

describe.skipIf(!process.env.TEST_REDIS_URL)('board changes across nodes through Redis', () => {
  const buses: BoardEventBus[] = [];
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
  });

  it('a change published on one node reaches listeners on another', async () => {
    const [a, b] = [new BoardEventBus(process.env.TEST_REDIS_URL), new BoardEventBus(process.env.TEST_REDIS_URL)];
    buses.push(a, b);
    await Promise.all([a.start(), b.start()]);
    const eventId = `ev-${Date.now()}`;
    const heard = new Promise((resolve) => b.subscribe(eventId, resolve));
    const local: unknown[] = [];
    a.subscribe(eventId, (c) => local.push(c));
    await a.publish({ eventId, kind: 'schedule', sessionId: 's1' });
    expect(await heard).toMatchObject({ eventId, kind: 'schedule', sessionId: 's1' });
    // The publishing node hears its own change once, not again from Redis.
    expect(local).toHaveLength(1);
  });
});
