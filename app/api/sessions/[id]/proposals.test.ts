import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { addMember, buildRoom, buildSession, buildSlot, buildUser, sessionCookieFor } from '@/test/builders';
import { callRoute } from '@/test/call-route';
import { eventWithRoles, ROLES, type RoleName } from '@/test/event-roles';
import * as sessions from '../../events/[slug]/sessions/route';
import * as merge from './merge/route';
import * as route from './route';
import * as star from './star/route';
import * as vote from './vote/route';

// Proposals with every field, editing and withdrawing, dot votes with a budget, merging and stars.

describe('POST /api/events/{slug}/sessions: a full proposal', () => {
  it('takes title, Markdown pitch, format, tags, co-hosts and needs-a-host; co-hosts must be members', async () => {
    const ctx = await eventWithRoles();
    const body = {
      title: 'Feature flags',
      description: '**Bold** <script>x</script>',
      format: 'workshop',
      tags: ['DevOps', 'devops', 'testing'],
      hostIds: [ctx.users.guest.id],
      needsHost: true,
    };
    const r = await callRoute(sessions.POST, 'POST', { slug: ctx.event.slug }, { body, cookie: ctx.cookies.attendee });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      format: 'workshop',
      tags: ['devops', 'testing'],
      needsHost: true,
      hosts: [{ id: ctx.users.guest.id }],
      proposer: { id: ctx.users.attendee.id },
    });
    const outsider = await callRoute(
      sessions.POST,
      'POST',
      { slug: ctx.event.slug },
      { body: { title: 'X', hostIds: [ctx.users.otherOrganiser.id] }, cookie: ctx.cookies.attendee },
    );
    expect(outsider.status).toBe(400);
    expect(outsider.json?.error?.field).toBe('hostIds');
    expect(
      (
        await callRoute(
          sessions.POST,
          'POST',
          { slug: ctx.event.slug },
          { body: { title: 'X', format: 'keynote' }, cookie: ctx.cookies.attendee },
        )
      ).json?.error?.field,
    ).toBe('format');
  });

  const expected: Record<RoleName, number> = {
    anonymous: 401,
    guest: 201,
    attendee: 201,
    organiser: 201,
    otherOrganiser: 403,
  };
  for (const role of ROLES) {
    it(`${role} proposing → ${expected[role]}`, async () => {
      const ctx = await eventWithRoles();
      expect(
        (
          await callRoute(
            sessions.POST,
            'POST',
            { slug: ctx.event.slug },
            { body: { title: 'Hi' }, cookie: ctx.cookies[role] },
          )
        ).status,
      ).toBe(expected[role]);
    });
  }
});

describe('PATCH (edit) and DELETE (withdraw) /api/sessions/{id}', () => {
  const expected: Record<RoleName, number> = {
    anonymous: 401,
    guest: 403,
    attendee: 200,
    organiser: 200,
    otherOrganiser: 403,
  };
  for (const role of ROLES) {
    it(`editing an attendee's proposal as ${role} → ${expected[role]}`, async () => {
      const ctx = await eventWithRoles();
      const s = await buildSession(ctx.event.id, { proposerId: ctx.users.attendee.id });
      const r = await callRoute(
        route.PATCH,
        'PATCH',
        { id: s.id },
        { body: { title: 'Renamed', tags: ['a'] }, cookie: ctx.cookies[role] },
      );
      expect(r.status).toBe(expected[role]);
      if (r.status === 200) expect(r.json).toMatchObject({ title: 'Renamed', tags: ['a'] });
    });
    it(`withdrawing an attendee's proposal as ${role} → ${expected[role]}`, async () => {
      const ctx = await eventWithRoles();
      const s = await buildSession(ctx.event.id, { proposerId: ctx.users.attendee.id });
      const r = await callRoute(route.DELETE, 'DELETE', { id: s.id }, { cookie: ctx.cookies[role] });
      expect(r.status).toBe(expected[role]);
      expect((await db.session.findUniqueOrThrow({ where: { id: s.id } })).status).toBe(
        expected[role] === 200 ? 'WITHDRAWN' : 'PROPOSED',
      );
    });
  }

  it('co-hosts edit too; withdrawing unschedules, refunds votes, keeps the session readable, and is final', async () => {
    const ctx = await eventWithRoles();
    const room = await buildRoom(ctx.event.id);
    const slot = await buildSlot(ctx.event.id);
    const s = await buildSession(ctx.event.id, {
      proposerId: ctx.users.attendee.id,
      hostIds: [ctx.users.guest.id],
      roomId: room.id,
      slotId: slot.id,
    });
    await db.vote.create({ data: { sessionId: s.id, userId: ctx.users.organiser.id } });
    expect(
      (await callRoute(route.PATCH, 'PATCH', { id: s.id }, { body: { needsHost: true }, cookie: ctx.cookies.guest }))
        .status,
    ).toBe(200);
    const w = await callRoute(route.DELETE, 'DELETE', { id: s.id }, { cookie: ctx.cookies.guest });
    expect(w.json).toMatchObject({ status: 'WITHDRAWN', room: null, slot: null });
    expect(await db.vote.count({ where: { sessionId: s.id } })).toBe(0);
    expect((await callRoute(route.GET, 'GET', { id: s.id })).status).toBe(200);
    expect(
      (await callRoute(route.PATCH, 'PATCH', { id: s.id }, { body: { title: 'Back' }, cookie: ctx.cookies.organiser }))
        .status,
    ).toBe(409);
    expect((await callRoute(route.DELETE, 'DELETE', { id: s.id }, { cookie: ctx.cookies.organiser })).status).toBe(409);
  });

  it('a private event hides its sessions (404) from outsiders', async () => {
    const ctx = await eventWithRoles({ visibility: 'PRIVATE' });
    const s = await buildSession(ctx.event.id);
    expect(
      (
        await callRoute(
          route.PATCH,
          'PATCH',
          { id: s.id },
          { body: { title: 'x' }, cookie: ctx.cookies.otherOrganiser },
        )
      ).status,
    ).toBe(404);
    expect((await callRoute(route.DELETE, 'DELETE', { id: s.id })).status).toBe(404);
  });
});

describe('PUT /api/sessions/{id}/vote', () => {
  const expected: Record<RoleName, number> = {
    anonymous: 401,
    guest: 200,
    attendee: 200,
    organiser: 200,
    otherOrganiser: 403,
  };
  for (const role of ROLES) {
    it(`${role} → ${expected[role]}`, async () => {
      const ctx = await eventWithRoles();
      const s = await buildSession(ctx.event.id);
      expect(
        (await callRoute(vote.PUT, 'PUT', { id: s.id }, { body: { votes: 1 }, cookie: ctx.cookies[role] })).status,
      ).toBe(expected[role]);
    });
  }

  it('spends the budget, refuses beyond it and beyond the per-session cap with 409, and 0 takes votes back', async () => {
    const ctx = await eventWithRoles({ settings: { votesPerAttendee: 3, maxVotesPerSession: 2 } });
    const [a, b] = [await buildSession(ctx.event.id), await buildSession(ctx.event.id)];
    const cookie = ctx.cookies.attendee;
    const put = (id: string, votes: number) => callRoute(vote.PUT, 'PUT', { id }, { body: { votes }, cookie });
    expect((await put(a.id, 2)).json).toMatchObject({ votes: 2, used: 2, remaining: 1, budget: 3 });
    const cap = await put(b.id, 3);
    expect(cap.status).toBe(409);
    expect(cap.json?.error?.message).toBe('At most 2 votes on one session');
    const over = await put(b.id, 2);
    expect(over.status).toBe(409);
    expect(over.json?.error?.message).toBe('Over your budget: you have 1 of 3 votes left');
    expect((await put(b.id, 1)).json).toMatchObject({ remaining: 0 });
    expect((await put(a.id, 0)).json).toMatchObject({ votes: 0, used: 1, remaining: 2 });
    expect(await db.vote.count({ where: { sessionId: a.id } })).toBe(0);
    expect((await put(a.id, -1)).status).toBe(400);
  });

  it('concurrent votes by one person never overspend', async () => {
    const ctx = await eventWithRoles({ settings: { votesPerAttendee: 2, maxVotesPerSession: 1 } });
    const ids = [
      await buildSession(ctx.event.id),
      await buildSession(ctx.event.id),
      await buildSession(ctx.event.id),
      await buildSession(ctx.event.id),
    ].map((s) => s.id);
    const results = await Promise.all(
      ids.map((id) => callRoute(vote.PUT, 'PUT', { id }, { body: { votes: 1 }, cookie: ctx.cookies.attendee })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
    expect(await db.vote.count({ where: { userId: ctx.users.attendee.id } })).toBe(2);
  });
});

describe('POST /api/sessions/{id}/merge', () => {
  const expected: Record<RoleName, number> = {
    anonymous: 401,
    guest: 403,
    attendee: 403,
    organiser: 200,
    otherOrganiser: 403,
  };
  for (const role of ROLES) {
    it(`${role} → ${expected[role]}`, async () => {
      const ctx = await eventWithRoles();
      const [a, b] = [await buildSession(ctx.event.id), await buildSession(ctx.event.id)];
      expect(
        (await callRoute(merge.POST, 'POST', { id: a.id }, { body: { intoId: b.id }, cookie: ctx.cookies[role] }))
          .status,
      ).toBe(expected[role]);
    });
  }

  it('carries votes (capped per person), co-hosts and stars over; the merged one points at the kept one', async () => {
    const ctx = await eventWithRoles({ settings: { votesPerAttendee: 5, maxVotesPerSession: 2 } });
    const voter = await buildUser();
    await addMember(ctx.event.id, voter.id);
    const room = await buildRoom(ctx.event.id);
    const slot = await buildSlot(ctx.event.id);
    const dup = await buildSession(ctx.event.id, {
      proposerId: ctx.users.attendee.id,
      hostIds: [ctx.users.guest.id],
      roomId: room.id,
      slotId: slot.id,
    });
    const kept = await buildSession(ctx.event.id, { proposerId: ctx.users.organiser.id });
    await db.vote.createMany({
      data: [
        { sessionId: dup.id, userId: voter.id, count: 2 },
        { sessionId: kept.id, userId: voter.id, count: 1 },
        { sessionId: dup.id, userId: ctx.users.guest.id, count: 1 },
      ],
    });
    await db.star.create({ data: { sessionId: dup.id, userId: voter.id } });
    const r = await callRoute(
      merge.POST,
      'POST',
      { id: dup.id },
      { body: { intoId: kept.id }, cookie: ctx.cookies.organiser },
    );
    expect(r.status).toBe(200);
    expect((r.json?.hosts as { id: string }[]).map((h) => h.id).sort()).toEqual(
      [ctx.users.attendee.id, ctx.users.guest.id].sort(),
    );
    const votes = await db.vote.findMany({ where: { sessionId: kept.id } });
    expect(Object.fromEntries(votes.map((v) => [v.userId, v.count]))).toEqual({
      [voter.id]: 2,
      [ctx.users.guest.id]: 1,
    });
    expect(await db.star.count({ where: { sessionId: kept.id, userId: voter.id } })).toBe(1);
    expect(await db.session.findUniqueOrThrow({ where: { id: dup.id } })).toMatchObject({
      status: 'MERGED',
      mergedIntoId: kept.id,
      roomId: null,
      slotId: null,
    });
    expect((await callRoute(route.GET, 'GET', { id: dup.id })).json).toMatchObject({
      status: 'MERGED',
      mergedIntoId: kept.id,
    });
  });

  it('refuses merging into itself (400), into another event (400) or a merged session (409)', async () => {
    const ctx = await eventWithRoles();
    const other = await eventWithRoles();
    const [a, b] = [await buildSession(ctx.event.id), await buildSession(ctx.event.id)];
    const elsewhere = await buildSession(other.event.id);
    const post = (id: string, intoId: string) =>
      callRoute(merge.POST, 'POST', { id }, { body: { intoId }, cookie: ctx.cookies.organiser });
    expect((await post(a.id, a.id)).status).toBe(400);
    expect((await post(a.id, elsewhere.id)).status).toBe(400);
    expect((await post(a.id, b.id)).status).toBe(200);
    expect((await post(b.id, a.id)).status).toBe(409);
  });
});

describe('PUT and DELETE /api/sessions/{id}/star', () => {
  it('signed-in readers star and unstar; anonymous 401; a private event 404 to outsiders', async () => {
    const ctx = await eventWithRoles();
    const s = await buildSession(ctx.event.id);
    expect((await callRoute(star.PUT, 'PUT', { id: s.id })).status).toBe(401);
    for (const role of ['guest', 'attendee', 'organiser', 'otherOrganiser'] as const) {
      expect((await callRoute(star.PUT, 'PUT', { id: s.id }, { cookie: ctx.cookies[role] })).json).toEqual({
        sessionId: s.id,
        starred: true,
      });
    }
    expect((await callRoute(star.PUT, 'PUT', { id: s.id }, { cookie: ctx.cookies.attendee })).status).toBe(200);
    expect(await db.star.count({ where: { sessionId: s.id } })).toBe(4);
    expect((await callRoute(star.DELETE, 'DELETE', { id: s.id }, { cookie: ctx.cookies.attendee })).json).toEqual({
      sessionId: s.id,
      starred: false,
    });
    const priv = await eventWithRoles({ visibility: 'PRIVATE' });
    const hidden = await buildSession(priv.event.id);
    const stranger = await buildUser();
    expect(
      (await callRoute(star.PUT, 'PUT', { id: hidden.id }, { cookie: await sessionCookieFor(stranger) })).status,
    ).toBe(404);
  });
});
