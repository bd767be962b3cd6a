import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { buildEvent, buildUser } from '@/test/builders';
import { acceptInvite, joinAsGuest } from './redeem-invite';
import { generateInviteToken } from './invite-token';

const target = resolveDatabaseTarget();

async function invite(maxUses: number | null = null) {
  const { event, organiserId } = await buildEvent({ settings: { guestsAllowed: true } });
  const token = generateInviteToken();
  await db.invite.create({ data: { eventId: event.id, token, role: 'ATTENDEE', maxUses, createdById: organiserId } });
  return { event, token };
}

const actorOf = (u: { id: string }) => ({ userId: u.id, isGuest: false, guestEventId: null });

describe('redeeming invites', () => {
  it('a link with one use admits exactly one of several people redeeming it at once', async () => {
    const { token, event } = await invite(1);
    const users = await Promise.all([buildUser(), buildUser(), buildUser(), buildUser()]);
    const results = await Promise.allSettled(users.map((u) => acceptInvite(actorOf(u), token)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as Error).message).toMatch(/used up/);
    expect(await db.membership.count({ where: { eventId: event.id, role: 'ATTENDEE' } })).toBe(1);
  });

  it('guests are refused when the event does not allow them', async () => {
    const { event, organiserId } = await buildEvent({ settings: { guestsAllowed: false } });
    const token = generateInviteToken();
    await db.invite.create({ data: { eventId: event.id, token, role: 'ATTENDEE', createdById: organiserId } });
    await expect(joinAsGuest({ token, name: 'Jo' })).rejects.toThrow(/do not allow guests/);
  });

  it('a guest cannot become organiser through an organiser invite, of its own event or another', async () => {
    const { event, organiserId } = await buildEvent({ settings: { guestsAllowed: true } });
    const token = generateInviteToken();
    await db.invite.create({ data: { eventId: event.id, token, role: 'ORGANISER', createdById: organiserId } });
    const guest = await buildUser({ isGuest: true, guestEventId: event.id, email: null });
    await db.membership.create({ data: { eventId: event.id, userId: guest.id, role: 'ATTENDEE' } });
    await expect(acceptInvite({ userId: guest.id, isGuest: true, guestEventId: event.id }, token)).rejects.toThrow(
      /need an account/,
    );
    const m = await db.membership.findUnique({ where: { eventId_userId: { eventId: event.id, userId: guest.id } } });
    expect(m?.role).toBe('ATTENDEE');
    expect((await db.invite.findUnique({ where: { token } }))?.uses).toBe(0);
  });

  it('a guest holding an attendee invite of its own event stays an attendee', async () => {
    const { token, event } = await invite();
    const guest = await buildUser({ isGuest: true, guestEventId: event.id, email: null });
    const r = await acceptInvite({ userId: guest.id, isGuest: true, guestEventId: event.id }, token);
    expect(r.role).toBe('ATTENDEE');
  });

  // Another process committing between our read and our write makes SQLite refuse the write at
  // once (SQLITE_BUSY_SNAPSHOT); the use case must run again instead of failing with a 500.
  it.runIf(target.provider === 'sqlite')(
    'survives another process writing in the middle of the transaction (SQLite)',
    async () => {
      const { token, event } = await invite();
      const other = new Database(target.provider === 'sqlite' ? target.file : '', { timeout: 5000 });
      try {
        other.exec('BEGIN IMMEDIATE');
        other
          .prepare('INSERT INTO "DocUpdate" ("docName", "data", "createdAt") VALUES (?, ?, ?)')
          .run(`race-${Date.now()}`, Buffer.from([0]), Date.now());
        const pending = joinAsGuest({ token, name: 'Racer' });
        await new Promise((r) => setTimeout(r, 150));
        other.exec('COMMIT');
        const guest = await pending;
        expect(guest.eventSlug).toBe(event.slug);
      } finally {
        other.close();
      }
    },
  );
});
