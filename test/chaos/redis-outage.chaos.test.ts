import { afterEach, expect, it } from 'vitest';
import {
  connectClient,
  notesFixture,
  spawnCollab,
  waitFor,
  type Client,
  type SpawnedCollab,
} from '@/test/collab-support';
import { healthStatus } from './metrics';
import { notesString, storedNotes, typeMark } from './notes-content';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

// Two collab nodes share a document through Redis; Redis goes away (a proxy in front of it resets
// every connection) and comes back. Each node serves its own clients meanwhile, health says Redis
// is down, and afterwards the clients of both nodes converge on everything either side typed.

// As in server/collab/redis.test.ts: the Redis CI runs, unless TEST_REDIS_URL names another.
const REDIS = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUND_TRIPS = 10;

let nodes: SpawnedCollab[] = [];
let proxy: TcpProxy | null = null;
let clients: Client[] = [];
afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  for (const n of nodes) if (n.proc.exitCode === null) await n.kill9();
  nodes = [];
  await proxy?.close();
  proxy = null;
});

// After Redis returns, each node resyncs its documents once both its connections are back, and
// the exchange is two-way (server/collab/redis-bus.ts, BusKind.syncRequestBack): a node that
// answers a sync request asks for what it lacks in turn.
it('Redis down between two nodes: each serves its own clients, health 503, all converge after', async () => {
  const target = new URL(REDIS);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
  const redisUrl = `redis://127.0.0.1:${proxy.port}`;
  const f = await notesFixture();
  // One at a time into `nodes`, so afterEach stops the first if the second fails to start.
  nodes.push(await spawnCollab({ env: { REDIS_URL: redisUrl } }));
  nodes.push(await spawnCollab({ env: { REDIS_URL: redisUrl } }));
  const token = async () => f.tokenFor((await f.member()).id);
  const [a1, a2] = [
    connectClient(nodes[0]!.url, f.docName, await token()),
    connectClient(nodes[0]!.url, f.docName, await token()),
  ];
  const [b1, b2] = [
    connectClient(nodes[1]!.url, f.docName, await token()),
    connectClient(nodes[1]!.url, f.docName, await token()),
  ];
  clients.push(a1, a2, b1, b2);
  await waitFor(() => clients.every((c) => c.provider.synced), { what: 'clients synced' });
  typeMark(a1.doc, '[both]');
  await waitFor(() => notesString(b1.doc).includes('[both]'), { what: 'edit crossed nodes through Redis' });

  proxy.cut();
  const marks: string[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    for (const [from, to, node] of [
      [a1, a2, 1],
      [b1, b2, 2],
    ] as const) {
      const mark = `[n${node}.${i}]`;
      marks.push(mark);
      typeMark(from.doc, mark);
      await waitFor(() => notesString(to.doc).includes(mark), {
        what: `node ${node} serving its own clients`,
        timeoutMs: 10_000,
      });
    }
  }
  for (const n of nodes)
    await waitFor(async () => (await healthStatus(n.port)) === 503, {
      what: 'health 503 while Redis is down',
      timeoutMs: 20_000,
    });

  proxy.restore();
  const reference = await waitFor(
    () => {
      const first = notesString(a1.doc);
      return clients.every((c) => notesString(c.doc) === first) && marks.every((m) => first.includes(m)) ? first : null;
    },
    { what: 'clients of both nodes converged', timeoutMs: 60_000 },
  );
  for (const n of nodes)
    await waitFor(async () => (await healthStatus(n.port)) === 200, { what: 'health 200 again', timeoutMs: 30_000 });
  await waitFor(async () => (await storedNotes(f.docName)) === reference, { what: 'database has everything' });
  expect(marks.every((m) => reference.includes(m))).toBe(true);
  console.log(
    `redis outage: ${marks.length} edits served by their own node during the outage; both nodes' clients and the database converged after`,
  );
});
