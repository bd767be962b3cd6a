import { describe, expect, it } from 'vitest';
import { collabAccessOf } from '@/lib/collab/collab-access';
import { db } from '@/lib/db';
import { addMember, buildUser } from '@/test/builders';
import { notesFixture } from '@/test/collab-support';
import { AccessCache, type AccessLookup } from './access-cache';

/** The real database lookup, counted; and a clock the test moves. */
function setup(ttlMs = 3000) {
  let lookups = 0;
  const lookup: AccessLookup = (userId, docName) => {
    lookups++;
    return collabAccessOf(userId, docName);
  };
  const clock = { t: 1_000_000 };
  const cache = new AccessCache(ttlMs, lookup, () => clock.t);
  return { cache, clock, lookups: () => lookups };
}

describe('AccessCache', () => {
  it('shares one lookup between concurrent upgrades and reuses a grant until it expires', async () => {
    const f = await notesFixture('PRIVATE');
    const { cache, clock, lookups } = setup();
    const decisions = await Promise.all(
      Array.from({ length: 10 }, () => cache.decide(f.organiser.id, f.docName, 'write')),
    );
    expect(decisions.map((d) => d.access)).toEqual(Array(10).fill('write'));
    expect(lookups()).toBe(1);
    clock.t += 2999;
    await cache.decide(f.organiser.id, f.docName, 'write');
    expect(lookups()).toBe(1);
    clock.t += 1;
    await cache.decide(f.organiser.id, f.docName, 'write');
    expect(lookups()).toBe(2);
  });

  it('keeps a revoked grant no longer than invalidate(): the next upgrade asks the database', async () => {
    const f = await notesFixture('PRIVATE');
    const m = await f.member();
    const { cache } = setup(60_000);
    expect((await cache.decide(m.id, f.docName, 'write')).access).toBe('write');
    await db.membership.deleteMany({ where: { eventId: f.event.id, userId: m.id } });
    // Within its lifetime and without a revocation signal the grant stands (the periodic re-check
    // closes such a connection within COLLAB_REVALIDATE_MS)...
    expect((await cache.decide(m.id, f.docName, 'write')).access).toBe('write');
    // ...and the revocation signal ends it at once.
    cache.invalidate();
    expect((await cache.decide(m.id, f.docName, 'write')).access).toBe('none');
  });

  it('never reuses a refusal, nor a narrower grant than the upgrade asks for', async () => {
    const f = await notesFixture('PRIVATE');
    const newcomer = await buildUser();
    const { cache, lookups } = setup(60_000);
    expect((await cache.decide(newcomer.id, f.docName, 'write')).access).toBe('none');
    await addMember(f.event.id, newcomer.id);
    // Just added (no revocation signal): admitted at once, not turned away by the cached refusal.
    expect((await cache.decide(newcomer.id, f.docName, 'write')).access).toBe('write');
    expect(lookups()).toBe(2);

    const open = await notesFixture('PUBLIC');
    const reader = await buildUser();
    expect((await cache.decide(reader.id, open.docName, 'read')).access).toBe('read');
    // A read grant serves read-only upgrades...
    expect((await cache.decide(reader.id, open.docName, 'read')).access).toBe('read');
    expect(lookups()).toBe(3);
    await addMember(open.event.id, reader.id);
    // ...but an upgrade with a read-write token asks again instead of being made read-only.
    expect((await cache.decide(reader.id, open.docName, 'write')).access).toBe('write');
    expect(lookups()).toBe(4);
  });

  it('does not keep a failed lookup', async () => {
    let fail = true;
    const cache = new AccessCache(60_000, async () => {
      if (fail) throw new Error('database down');
      return { access: 'write', name: 'Ada', epoch: null };
    });
    await expect(cache.decide('u1', 'session:abcdefghij', 'write')).rejects.toThrow('database down');
    fail = false;
    expect((await cache.decide('u1', 'session:abcdefghij', 'write')).access).toBe('write');
  });

  it('holds only recent decisions', async () => {
    const f = await notesFixture('PUBLIC');
    const { cache, clock } = setup(1000);
    for (let i = 0; i < 5; i++) await cache.decide(null, `session:nosuchsession00${i}`, 'read');
    expect(cache.size).toBe(5);
    clock.t += 1000;
    await cache.decide(null, f.docName, 'read');
    expect(cache.size).toBe(1);
  });
});
