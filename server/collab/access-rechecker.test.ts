import { describe, expect, it } from 'vitest';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { db } from '@/lib/db';
import { addMember } from '@/test/builders';
import { collabPerFile } from '@/test/collab-per-file';
import { notesFixture, waitFor, waitSynced } from '@/test/collab-support';

// No periodic pass during these tests: only requested re-checks run.
const server = collabPerFile({ revalidateMs: 600_000 });

describe('access re-check over many open documents', () => {
  it('closes exactly the connections that lost access, across documents, in one requested pass', async () => {
    const fixtures = await Promise.all(Array.from({ length: 12 }, () => notesFixture('PRIVATE')));
    const members = await Promise.all(fixtures.map((f) => f.member()));
    const clients = fixtures.map((f, i) => server.client(server.collab.url, f.docName, f.tokenFor(members[i]!.id)));
    const organisers = fixtures.map((f) => server.client(server.collab.url, f.docName, f.token));
    await waitSynced(...clients, ...organisers);

    // Members 0, 3, 6, 9 are removed from their private events; member 1 is removed from an event
    // made public (a visitor may read, not write: its editing connection goes); event 2 is made
    // public with its member kept (still an editor); the others keep their access.
    const removed = new Set([0, 1, 3, 6, 9]);
    for (const i of removed)
      await db.membership.deleteMany({ where: { eventId: fixtures[i]!.event.id, userId: members[i]!.id } });
    for (const i of [1, 2])
      await db.event.update({ where: { id: fixtures[i]!.event.id }, data: { visibility: 'PUBLIC' } });
    await server.collab.server.recheckAccess();

    await waitFor(() => [...removed].every((i) => clients[i]!.closeCodes.includes(CollabCloseCode.accessRevoked)), {
      what: 'removed members closed',
    });
    const kept = clients.filter((_, i) => !removed.has(i));
    expect(kept.every((c) => c.closeCodes.length === 0 && c.provider.wsconnected)).toBe(true);
    expect(organisers.every((c) => c.closeCodes.length === 0 && c.provider.wsconnected)).toBe(true);
  });

  it('runs a requested re-check again after a pass already under way, so it sees the change that asked for it', async () => {
    const f = await notesFixture('PRIVATE');
    const m = await f.member();
    const c = server.client(server.collab.url, f.docName, f.tokenFor(m.id));
    await waitSynced(c);
    const first = server.collab.server.recheckAccess();
    await db.membership.deleteMany({ where: { eventId: f.event.id, userId: m.id } });
    await Promise.all([first, server.collab.server.recheckAccess()]);
    const conn = [...server.collab.server.docs.get(f.docName)!.conns].find((x) => x.identity.userId === m.id);
    // Closed by the pass the second request made, before its promise resolved.
    expect(conn === undefined || conn.closed).toBe(true);
    await waitFor(() => c.closeCodes.includes(CollabCloseCode.accessRevoked), { what: 'revocation close' });
  });

  it('judges each (document, user) pair by itself: one user on two documents, with two connections on one', async () => {
    const a = await notesFixture('PRIVATE');
    const b = await notesFixture('PRIVATE');
    const m = await a.member();
    await addMember(b.event.id, m.id);
    const onA = [0, 1].map(() => server.client(server.collab.url, a.docName, a.tokenFor(m.id)));
    const onB = server.client(server.collab.url, b.docName, b.tokenFor(m.id));
    await waitSynced(...onA, onB);

    await db.membership.deleteMany({ where: { eventId: a.event.id, userId: m.id } });
    await server.collab.server.recheckAccess();

    await waitFor(() => onA.every((c) => c.closeCodes.includes(CollabCloseCode.accessRevoked)), {
      what: 'both connections to the event left closed',
    });
    expect(onB.closeCodes).toEqual([]);
    expect(onB.provider.wsconnected).toBe(true);
  });
});
