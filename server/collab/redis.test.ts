import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { requestCollabAccessRecheck } from '@/lib/collab/revocation';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { db } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import {
  connectClient,
  notesFixture,
  SEED_CLIENT_ID,
  spawnCollab,
  storedText,
  waitFor,
  waitSynced,
  type Client,
  type SpawnedCollab,
} from '@/test/collab-support';

// Two collab server processes sharing documents through the Redis on 127.0.0.1:6379.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const procs: SpawnedCollab[] = [];
const clients: Client[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all(procs.map((p) => p.stop()));
});

describe('two nodes with Redis', () => {
  it('hear revocations published over Redis at once, not at their next periodic re-check', async () => {
    const nodes = await Promise.all(
      [0, 1].map(() => spawnCollab({ env: { REDIS_URL, COLLAB_REVALIDATE_MS: '600000' } })),
    );
    procs.push(...nodes);
    const f = await notesFixture('PRIVATE');
    const member = await f.member();
    const conns = nodes.map((n) => connectClient(n.url, f.docName, f.tokenFor(member.id)));
    clients.push(...conns);
    await waitSynced(...conns);
    await db.membership.deleteMany({ where: { eventId: f.event.id, userId: member.id } });
    // What removing a member does (lib/events/members.ts), from this process: a web node.
    process.env.REDIS_URL = REDIS_URL;
    resetEnvCache();
    try {
      requestCollabAccessRecheck();
    } finally {
      delete process.env.REDIS_URL;
      resetEnvCache();
    }
    for (const c of conns)
      await waitFor(() => c.closeCodes.includes(CollabCloseCode.accessRevoked), { what: 'revoked on every node' });
  }, 90_000); // two server processes start here

  it("see each other's edits and cursors, and store each update once", async () => {
    const [n1, n2] = await Promise.all([spawnCollab({ env: { REDIS_URL } }), spawnCollab({ env: { REDIS_URL } })]);
    procs.push(n1, n2);
    const f = await notesFixture();
    const a = connectClient(n1.url, f.docName, f.token);
    const b = connectClient(n2.url, f.docName, f.token);
    clients.push(a, b);
    await waitSynced(a, b);

    a.text.insert(0, 'from node one. ');
    await waitFor(() => b.text.toString() === 'from node one. ', { what: 'edit node1 → node2' });
    b.text.insert(b.text.length, 'from node two.');
    await waitFor(() => a.text.toString() === 'from node one. from node two.', { what: 'edit node2 → node1' });

    a.provider.awareness.setLocalStateField('cursor', { anchor: 4, head: 4 });
    b.provider.awareness.setLocalStateField('cursor', { anchor: 9, head: 9 });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.anchor === 4, {
      what: 'cursor node1 → node2',
    });
    await waitFor(() => a.provider.awareness.getStates().get(b.doc.clientID)?.cursor?.anchor === 9, {
      what: 'cursor node2 → node1',
    });

    // Concurrent edits on both nodes converge.
    for (let i = 0; i < 20; i++) {
      a.text.insert(0, 'a');
      b.text.insert(b.text.length, 'b');
    }
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length === 29 + 40, { what: 'convergence' });
    await waitFor(async () => (await storedText(f.docName)) === a.text.toString(), { what: 'stored' });

    // Each node stored only what its own clients sent: no struct appears in two log rows (but the
    // test paragraph, which every client brings, reached both nodes before they heard of each other).
    const rows = await db.docUpdate.findMany({ where: { docName: f.docName }, select: { data: true } });
    const seen = new Set<string>();
    for (const r of rows) {
      for (const s of Y.decodeUpdate(new Uint8Array(r.data)).structs) {
        if (s.id.client === SEED_CLIENT_ID) continue;
        for (let k = 0; k < s.length; k++) {
          const key = `${s.id.client}:${s.id.clock + k}`;
          expect(seen.has(key), `struct ${key} stored twice`).toBe(false);
          seen.add(key);
        }
      }
    }

    // A third client joining node 2 later gets everything, from either node's memory or the log.
    const c = connectClient(n2.url, f.docName, f.token);
    clients.push(c);
    await waitFor(() => c.text.toString() === a.text.toString(), { what: 'late joiner on node 2' });
  }, 90_000);
});
