import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { buildRoom, buildSession, buildSlot, buildUser, addMember, sessionCookieFor } from '@/test/builders';
import { callRoute } from '@/test/call-route';
import { eventWithRoles, ROLES, type RoleName } from '@/test/event-roles';
import * as route from './route';

// PATCH /api/sessions/{id} with { roomId, slotId }: who may move what, and every conflict rule.

async function board(settings: Record<string, unknown> = {}) {
  const ctx = await eventWithRoles({ settings });
  const roomA = await buildRoom(ctx.event.id, { name: 'Aft', capacity: 2, order: 0 });
  const roomB = await buildRoom(ctx.event.id, { name: 'Bow', capacity: 40, order: 1 });
  const slot1 = await buildSlot(ctx.event.id, { startsAt: new Date('2026-06-11T09:00:00Z') });
  const slot2 = await buildSlot(ctx.event.id, { startsAt: new Date('2026-06-11T10:00:00Z') });
  const lunch = await buildSlot(ctx.event.id, {
    startsAt: new Date('2026-06-11T12:00:00Z'),
    kind: 'BREAK',
    label: 'Lunch',
  });
  const opening = await buildSlot(ctx.event.id, {
    startsAt: new Date('2026-06-11T08:00:00Z'),
    kind: 'PLENARY',
    label: 'Opening',
  });
  return { ...ctx, roomA, roomB, slot1, slot2, lunch, opening };
}

const patch = (id: string, body: unknown, cookie?: string) => callRoute(route.PATCH, 'PATCH', { id }, { body, cookie });

describe('scheduling permissions, barcamp mode off', () => {
  const expected: Record<RoleName, number> = {
    anonymous: 401,
    guest: 403,
    attendee: 403,
    organiser: 200,
    otherOrganiser: 403,
  };
  for (const role of ROLES) {
    it(`${role} → ${expected[role]}`, async () => {
      const b = await board();
      const s = await buildSession(b.event.id, { proposerId: b.users.attendee.id });
      const r = await patch(s.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies[role]);
      expect(r.status, JSON.stringify(r.json)).toBe(expected[role]);
      const row = await db.session.findUniqueOrThrow({ where: { id: s.id } });
      expect(row.status).toBe(expected[role] === 200 ? 'SCHEDULED' : 'PROPOSED');
    });
  }

  it('a private event answers 404 to outsiders and anonymous callers', async () => {
    const ctx = await eventWithRoles({ visibility: 'PRIVATE' });
    const room = await buildRoom(ctx.event.id);
    const slot = await buildSlot(ctx.event.id);
    const s = await buildSession(ctx.event.id);
    expect((await patch(s.id, { roomId: room.id, slotId: slot.id })).status).toBe(404);
    expect((await patch(s.id, { roomId: room.id, slotId: slot.id }, ctx.cookies.otherOrganiser)).status).toBe(404);
    expect((await patch(s.id, { roomId: room.id, slotId: slot.id }, ctx.cookies.organiser)).status).toBe(200);
  });
});

describe('scheduling permissions, barcamp mode on', () => {
  it('hosts place and move their own sessions into free cells; not others’; not when locked; never swap', async () => {
    const b = await board({ barcampMode: true });
    const own = await buildSession(b.event.id, { proposerId: b.users.attendee.id });
    const guests = await buildSession(b.event.id, { proposerId: b.users.guest.id });
    const cohosted = await buildSession(b.event.id, {
      proposerId: b.users.organiser.id,
      hostIds: [b.users.attendee.id],
    });

    expect((await patch(own.id, { roomId: b.roomA.id, slotId: b.slot1.id })).status).toBe(401);
    expect((await patch(own.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies.otherOrganiser)).status).toBe(
      403,
    );
    expect((await patch(own.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies.guest)).status).toBe(403);
    expect((await patch(own.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies.attendee)).status).toBe(200);
    expect((await patch(own.id, { roomId: b.roomB.id, slotId: b.slot2.id }, b.cookies.attendee)).status).toBe(200);
    expect((await patch(cohosted.id, { roomId: b.roomA.id, slotId: b.slot2.id }, b.cookies.attendee)).status).toBe(200);
    expect((await patch(guests.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies.guest)).status).toBe(200);

    const taken = await patch(own.id, { roomId: b.roomA.id, slotId: b.slot1.id, swap: true }, b.cookies.attendee);
    expect(taken.status).toBe(403);
    expect(taken.json?.error?.message).toMatch(/swap/);

    await db.event.update({
      where: { id: b.event.id },
      data: { settings: JSON.stringify({ barcampMode: true, boardLocked: true }) },
    });
    const locked = await patch(own.id, { roomId: null, slotId: null }, b.cookies.attendee);
    expect(locked.status).toBe(403);
    expect(locked.json?.error?.message).toMatch(/locked/);
    expect((await patch(own.id, { roomId: null, slotId: null }, b.cookies.organiser)).status).toBe(200);
  });
});

describe('conflict rules', () => {
  it('the same room and slot twice → 409 naming the session that holds it', async () => {
    const b = await board();
    const first = await buildSession(b.event.id, { title: 'Feature flags without the mess' });
    const second = await buildSession(b.event.id);
    expect((await patch(first.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies.organiser)).status).toBe(200);
    const r = await patch(second.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies.organiser);
    expect(r.status).toBe(409);
    expect(r.json?.error?.message).toBe('“Feature flags without the mess” already holds Aft at 09:00');
  });

  it('break and plenary slots → 400', async () => {
    const b = await board();
    const s = await buildSession(b.event.id);
    for (const slot of [b.lunch, b.opening]) {
      const r = await patch(s.id, { roomId: b.roomA.id, slotId: slot.id }, b.cookies.organiser);
      expect(r.status).toBe(400);
      expect(r.json?.error?.field).toBe('slotId');
    }
  });

  it('a room or slot of another event → 400; half a cell → 400; unknown fields → 400', async () => {
    const b = await board();
    const elsewhere = await board();
    const s = await buildSession(b.event.id);
    expect(
      (await patch(s.id, { roomId: elsewhere.roomA.id, slotId: b.slot1.id }, b.cookies.organiser)).json?.error?.field,
    ).toBe('roomId');
    expect(
      (await patch(s.id, { roomId: b.roomA.id, slotId: elsewhere.slot1.id }, b.cookies.organiser)).json?.error?.field,
    ).toBe('slotId');
    expect((await patch(s.id, { roomId: b.roomA.id, slotId: null }, b.cookies.organiser)).status).toBe(400);
    expect(
      (await patch(s.id, { roomId: b.roomA.id, slotId: b.slot1.id, title: 'x' }, b.cookies.organiser)).status,
    ).toBe(400);
  });

  it('a move based on an outdated view loses, and says where the session is now', async () => {
    const b = await board();
    const s = await buildSession(b.event.id);
    const fromLot = { roomId: null, slotId: null };
    const one = await patch(s.id, { roomId: b.roomA.id, slotId: b.slot1.id, from: fromLot }, b.cookies.organiser);
    expect(one.status).toBe(200);
    const two = await patch(s.id, { roomId: b.roomB.id, slotId: b.slot2.id, from: fromLot }, b.cookies.organiser);
    expect(two.status).toBe(409);
    expect(two.json?.error?.message).toMatch(/moved .* meanwhile: it is now in Aft at 09:00/);
  });

  it('two organisers dropping different sessions on one free cell at once: exactly one wins', async () => {
    const b = await board();
    const [x, y] = [await buildSession(b.event.id, { title: 'X' }), await buildSession(b.event.id, { title: 'Y' })];
    const results = await Promise.all(
      [x, y].map((s) => patch(s.id, { roomId: b.roomB.id, slotId: b.slot2.id }, b.cookies.organiser)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.json?.error?.message).toMatch(/“[XY]” already holds Bow at 10:00/);
    expect(await db.session.count({ where: { roomId: b.roomB.id, slotId: b.slot2.id } })).toBe(1);
  });

  it('organisers swap two sessions; a swap from the parking lot sends the holder there', async () => {
    const b = await board();
    const x = await buildSession(b.event.id, { roomId: b.roomA.id, slotId: b.slot1.id });
    const y = await buildSession(b.event.id, { roomId: b.roomB.id, slotId: b.slot2.id });
    const r = await patch(x.id, { roomId: b.roomB.id, slotId: b.slot2.id, swap: true }, b.cookies.organiser);
    expect(r.status).toBe(200);
    expect(r.json?.swapped).toMatchObject({ id: y.id, roomId: b.roomA.id, slotId: b.slot1.id });
    expect(await db.session.findUniqueOrThrow({ where: { id: y.id } })).toMatchObject({
      roomId: b.roomA.id,
      slotId: b.slot1.id,
      status: 'SCHEDULED',
    });
    const z = await buildSession(b.event.id);
    expect(
      (await patch(z.id, { roomId: b.roomB.id, slotId: b.slot2.id, swap: true }, b.cookies.organiser)).status,
    ).toBe(200);
    expect(await db.session.findUniqueOrThrow({ where: { id: x.id } })).toMatchObject({
      roomId: null,
      slotId: null,
      status: 'PROPOSED',
    });
  });

  it('withdrawn sessions cannot be scheduled (409); unscheduling returns a session to the proposals', async () => {
    const b = await board();
    const s = await buildSession(b.event.id, { roomId: b.roomA.id, slotId: b.slot1.id });
    const r = await patch(s.id, { roomId: null, slotId: null }, b.cookies.organiser);
    expect(r.status).toBe(200);
    expect(r.json?.session).toMatchObject({ status: 'PROPOSED', room: null, slot: null });
    await db.session.update({ where: { id: s.id }, data: { status: 'WITHDRAWN' } });
    expect((await patch(s.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies.organiser)).status).toBe(409);
  });
});

describe('warnings', () => {
  it('a host in two places at once', async () => {
    const b = await board();
    const host = b.users.attendee;
    await buildSession(b.event.id, { title: 'Morning A', proposerId: host.id, roomId: b.roomA.id, slotId: b.slot1.id });
    const s = await buildSession(b.event.id, { title: 'Morning B', hostIds: [host.id] });
    const r = await patch(s.id, { roomId: b.roomB.id, slotId: b.slot1.id }, b.cookies.organiser);
    expect(r.status).toBe(200);
    expect(r.json?.warnings).toEqual([
      expect.objectContaining({
        kind: 'host_double_booked',
        message: `${host.name} also hosts “Morning A” at the same time`,
      }),
    ]);
  });

  it('votes above the room’s capacity, with a larger free room suggested', async () => {
    const b = await board();
    const s = await buildSession(b.event.id);
    for (let i = 0; i < 3; i++) {
      const u = await buildUser();
      await addMember(b.event.id, u.id);
      await db.vote.create({ data: { sessionId: s.id, userId: u.id } });
    }
    const r = await patch(s.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies.organiser);
    expect(r.json?.warnings).toEqual([
      expect.objectContaining({
        kind: 'over_capacity',
        voters: 3,
        capacity: 2,
        suggestedRoom: expect.objectContaining({ name: 'Bow' }),
      }),
    ]);
  });

  it('two sessions sharing many voters in parallel', async () => {
    const b = await board();
    const x = await buildSession(b.event.id, { title: 'Kubernetes at home', roomId: b.roomB.id, slotId: b.slot1.id });
    const y = await buildSession(b.event.id);
    for (let i = 0; i < 2; i++) {
      const u = await buildUser();
      await addMember(b.event.id, u.id);
      await db.vote.createMany({
        data: [
          { sessionId: x.id, userId: u.id },
          { sessionId: y.id, userId: u.id },
        ],
      });
    }
    const parallel = await patch(y.id, { roomId: b.roomA.id, slotId: b.slot1.id }, b.cookies.organiser);
    expect(parallel.json?.warnings).toEqual([
      expect.objectContaining({ kind: 'shared_voters', shared: 2, otherSessionId: x.id }),
    ]);
    const apart = await patch(y.id, { roomId: b.roomA.id, slotId: b.slot2.id }, b.cookies.organiser);
    expect(apart.json?.warnings).toEqual([]);
  });
});

describe('a cookie for an unrelated user', () => {
  it('is 403 on a public event', async () => {
    const b = await board();
    const s = await buildSession(b.event.id);
    const stranger = await buildUser();
    expect(
      (await patch(s.id, { roomId: b.roomA.id, slotId: b.slot1.id }, await sessionCookieFor(stranger))).status,
    ).toBe(403);
  });
});
