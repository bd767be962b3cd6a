import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { addMember, buildEvent, buildSession, buildUser } from '@/test/builders';
import { starSession } from './star-session';

describe('starSession', () => {
  it('stars once however many tabs ask at the same moment, and unstars', async () => {
    const { event, organiserId } = await buildEvent();
    const session = await buildSession(event.id, { proposerId: organiserId });
    const user = await buildUser();
    await addMember(event.id, user.id);
    const actor = { userId: user.id, isGuest: false, guestEventId: null };

    const results = await Promise.all(Array.from({ length: 8 }, () => starSession(actor, session.id, true)));
    expect(results.every((r) => r.starred)).toBe(true);
    expect(await db.star.count({ where: { userId: user.id, sessionId: session.id } })).toBe(1);

    await starSession(actor, session.id, false);
    expect(await db.star.count({ where: { userId: user.id, sessionId: session.id } })).toBe(0);
  });
});
