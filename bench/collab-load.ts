// Quick load test of the collab server: N editors typing (stock y-websocket clients, each its own
// user), M listeners (raw sockets that sync and then only receive), a few probes measuring the
// latency from an editor's keystroke to its arrival at another client. The server runs as its
// own process (server/collab-main.ts) with persistence on, on a fresh SQLite database unless
// DATABASE_URL is set.
//   npx tsx bench/collab-load.ts --editors 100 --listeners 300 --seconds 20 --rate 2
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WS from 'ws';

// /metrics is private by default (issue 9 #10): the bench's own server gets a token.
const BENCH_METRICS_TOKEN = 'bench-metrics-token';

const { values } = parseArgs({
  options: {
    editors: { type: 'string', default: '100' },
    listeners: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '2' },
    probes: { type: 'string', default: '5' },
  },
});
const EDITORS = Number(values.editors);
const LISTENERS = Number(values.listeners);
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const PROBES = Number(values.probes);

process.env.DATABASE_URL ??= `file:${path.join(os.tmpdir(), `hallway-bench-${Date.now()}.db`)}`;
process.env.AUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret-0123';
process.env.LOG_LEVEL ??= 'warn';

function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(stat[11]) + Number(stat[12])) / 100;
}
const pct = (xs: number[], p: number) =>
  xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! : NaN;

async function main() {
  const { migrateDatabase } = await import('@/lib/migrate-database');
  const { resolveDatabaseTarget } = await import('@/lib/database-url');
  await migrateDatabase(resolveDatabaseTarget());
  const { signCollabToken } = await import('@/lib/auth/collab-token');
  const { db } = await import('@/lib/db');
  const { addMember, buildEvent, buildSession, buildUser } = await import('@/test/builders');
  const { connectClient, spawnCollab, waitFor } = await import('@/test/collab-support');

  const { event, organiserId } = await buildEvent({ visibility: 'PUBLIC' });
  const session = await buildSession(event.id);
  const docName = `session:${session.id}`;
  const editorIds = [organiserId];
  while (editorIds.length < EDITORS) {
    const u = await buildUser();
    await addMember(event.id, u.id);
    editorIds.push(u.id);
  }
  const token = (userId: string | null, ro: boolean) =>
    signCollabToken({ userId, docName, readOnly: ro, ttlSeconds: 3600 }).token;

  const server = await spawnCollab({
    env: {
      COLLAB_MAX_CONNECTIONS_PER_DOC: '100000',
      DATABASE_URL: process.env.DATABASE_URL!,
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
    },
  });
  const pid = server.proc.pid!;

  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let measuring = false;
  const probes = Array.from({ length: PROBES }, () => connectClient(server.url, docName, token(null, true)));
  for (const p of probes) {
    p.text.observe((e) => {
      const now = performance.now();
      for (const d of e.delta) {
        if (typeof d.insert !== 'string') continue;
        for (const m of d.insert.matchAll(/<(\d+\.\d+)>/g)) {
          const t = sent.get(m[1]!);
          if (t !== undefined && measuring) latencies.push(now - t);
        }
      }
    });
  }

  let listenerMessages = 0;
  let listenerBytes = 0;
  const listeners: WS[] = [];
  for (let i = 0; i < LISTENERS; i++) {
    const ws = new WS(`${server.url}/${docName}?token=${token(null, true)}`);
    ws.on('open', () => ws.send(new Uint8Array([0, 0, 1, 0])));
    ws.on('message', (data: Buffer) => {
      listenerMessages++;
      listenerBytes += data.length;
    });
    ws.on('error', () => undefined);
    listeners.push(ws);
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
  }
  const editors = editorIds.map((id) => connectClient(server.url, docName, token(id, false)));
  await waitFor(
    () =>
      editors.every((e) => e.provider.synced) &&
      probes.every((p) => p.provider.synced) &&
      listeners.every((l) => l.readyState === WS.OPEN),
    {
      what: 'everyone connected',
      timeoutMs: 120_000,
    },
  );
  console.error(`connected: ${EDITORS} editors, ${LISTENERS} listeners, ${PROBES} probes`);

  let seq = 0;
  let typed = 0;
  const timers = editors.map((e, i) =>
    setInterval(() => {
      const key = `${i}.${seq++}`;
      sent.set(key, performance.now());
      e.text.insert(e.text.length, `<${key}>`);
      if (measuring) typed++;
    }, 1000 / RATE),
  );
  await new Promise((r) => setTimeout(r, 3000));
  measuring = true;
  listenerMessages = 0;
  listenerBytes = 0;
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = (cpuSeconds(pid) - cpu0) / elapsed;
  for (const t of timers) clearInterval(t);

  const metrics = await (
    await fetch(`http://127.0.0.1:${server.port}/metrics`, {
      headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
    })
  ).text();
  const metric = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
  latencies.sort((a, b) => a - b);
  const result = {
    editors: EDITORS,
    listeners: LISTENERS,
    ratePerEditor: RATE,
    seconds: Math.round(elapsed),
    updatesPerSecond: Math.round(typed / elapsed),
    latencyMs: {
      p50: +pct(latencies, 50).toFixed(1),
      p95: +pct(latencies, 95).toFixed(1),
      p99: +pct(latencies, 99).toFixed(1),
      max: +pct(latencies, 100).toFixed(1),
      samples: latencies.length,
    },
    listenerMessagesPerSecond: Math.round(listenerMessages / elapsed),
    listenerMBPerSecond: +(listenerBytes / elapsed / 1e6).toFixed(2),
    serverCpuCores: +cpu.toFixed(2),
    serverRssMB: Math.round(
      Number(fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024,
    ),
    persistLagMeanMs: +(
      (metric('hallway_collab_persist_lag_seconds_sum') / metric('hallway_collab_persist_lag_seconds_count')) *
      1000
    ).toFixed(1),
    updatesPersisted: metric('hallway_collab_updates_persisted_total'),
    logRowsWritten: metric('hallway_collab_log_rows_written_total'),
  };
  console.log(JSON.stringify(result, null, 2));

  for (const e of [...editors, ...probes]) e.destroy();
  for (const l of listeners) l.terminate();
  await server.stop();
  await db.$disconnect();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
