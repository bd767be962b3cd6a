// Runs one load case against one running server: forks the load generators, admits every client,
// lets the editors type for a bounded time, relays send records between generators, waits (bounded)
// for every edit to reach every client, and gathers latency, losses, convergence and CPU figures.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Histogram, percentileOf } from './histogram';
import type { ClientSpec, FromGenerator, GeneratorOptions, GeneratorStats, SendRecord, ToGenerator } from './ipc';
import { cpuSeconds, memory } from './proc-stats';
import type { SeedSpec } from './hallway-seed';
import type { RunningServer } from './servers';
import { hallwayHistogramMs } from '../scenarios/hallway-metrics';

export interface LoadPlan {
  docs: number;
  editorsPerDoc: number;
  readersPerDoc: number;
  editIntervalMs: number;
  charsPerEdit: number;
  warmupSeconds: number;
  seconds: number;
  full: boolean;
  generators: number;
  /** Drop every connection once after typing and time the storm of reconnects. */
  reconnect?: boolean;
  /** Editors also send a cursor (awareness) update with every edit. */
  awareness?: boolean;
  /** Only connect (the idle case): no typing. */
  idleOnly?: boolean;
  /** Document names to use instead of fresh ones (long-history). */
  docNames?: string[];
  /** Where this plan's tokens start in the seed's list (several plans on one server). */
  tokenOffset?: number;
}

export interface Role {
  role: 'editor' | 'reader';
  docIndex: number;
  /** Hallway user (member) index: editors share a user per 20 connections, readers per 15. */
  user: number;
}

const READERS_PER_USER = 15;

/**
 * Who connects, in order; also what Hallway's seed must create tokens for. Connections share a
 * user within Hallway's per-user limits (30 connections, 100 messages/s): at most 20 editors
 * and 50 edits/s per user.
 */
export function rolesFor(
  plan: Pick<LoadPlan, 'docs' | 'editorsPerDoc' | 'readersPerDoc' | 'editIntervalMs' | 'awareness'>,
): { roles: Role[]; users: number } {
  const roles: Role[] = [];
  let editors = 0;
  let readers = 0;
  const messagesPerEdit = plan.awareness ? 2 : 1;
  const EDITORS_PER_USER = Math.max(1, Math.min(20, Math.floor((50 * plan.editIntervalMs) / 1000 / messagesPerEdit)));
  const editorUsers = Math.ceil((plan.docs * plan.editorsPerDoc) / EDITORS_PER_USER);
  for (let d = 0; d < plan.docs; d++) {
    for (let i = 0; i < plan.editorsPerDoc; i++)
      roles.push({ role: 'editor', docIndex: d, user: Math.floor(editors++ / EDITORS_PER_USER) });
    for (let i = 0; i < plan.readersPerDoc; i++)
      roles.push({ role: 'reader', docIndex: d, user: editorUsers + Math.floor(readers++ / READERS_PER_USER) });
  }
  return { roles, users: editorUsers + Math.ceil(readers / READERS_PER_USER) };
}

/** Hallway's seed for plans run one after another on the same server (their tokens in order). */
export function seedSpecFor(plans: LoadPlan[], extra: { coldUpdates?: number } = {}): SeedSpec {
  let users = 0;
  let docs = 0;
  const tokens: SeedSpec['tokens'] = [];
  for (const plan of plans) {
    plan.tokenOffset = tokens.length;
    const r = rolesFor(plan);
    for (const role of r.roles) tokens.push([users + role.user, role.docIndex, role.role === 'reader']);
    users += r.users;
    docs = Math.max(docs, plan.docs);
  }
  return { docs, users, tokens, ...extra };
}

export interface LoadResult {
  server: string;
  clients: number;
  editors: number;
  readers: number;
  docs: number;
  admitSeconds: number;
  synced: number;
  failed: number;
  closedByServer: number;
  editsSent: number;
  arrivalsExpected: number;
  arrivals: number;
  lostArrivals: number;
  converged: boolean;
  convergedClients: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; samples: number };
  serverCpuCores: number;
  serverCpuSeconds: number;
  serverPeakRssMB: number;
  serverRssMB: number;
  generators: { cpuCores: number; eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number }[];
  reconnect?: { clients: number; allSyncedSeconds: number; p50SyncMs: number; p99SyncMs: number; failed: number };
  fullChecksumsAgree?: boolean;
  /** Hallway: from an update's arrival to its commit in the log, over the whole run (bucket upper bounds). */
  persistLagMs?: { p50: number; p99: number; max: number; count: number };
  logWriterMs?: Record<'append' | 'compact', { p50: number; p99: number; max: number; count: number } | undefined>;
}

const now = () => performance.timeOrigin + performance.now();

class Generator {
  readonly proc: ChildProcess;
  private waiters: { type: string; resolve: (s: GeneratorStats) => void }[] = [];
  onSends: (r: SendRecord[]) => void = () => undefined;
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;

  constructor() {
    this.ready = new Promise((r) => (this.markReady = r));
    this.proc = fork(path.join(__dirname, 'generator.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.proc.on('message', (m: FromGenerator) => {
      if (m.type === 'sends') return this.onSends(m.records);
      if (m.type === 'ready') return this.markReady();
      const i = this.waiters.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(m.stats);
    });
  }

  send(m: ToGenerator): void {
    if (this.proc.connected) this.proc.send(m);
  }

  request(m: ToGenerator, reply: string, timeoutMs: number): Promise<GeneratorStats> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`generator gave no ${reply} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ type: reply, resolve: (s) => (clearTimeout(timer), resolve(s)) });
      this.send(m);
    });
  }
}

export async function runLoad(server: RunningServer, plan: LoadPlan, log: (s: string) => void): Promise<LoadResult> {
  const { roles } = rolesFor(plan);
  const docName = (d: number) =>
    plan.docNames?.[d] ?? server.seed?.docNames[d] ?? `bench-${Date.now().toString(36)}-${d}`;
  const names = Array.from({ length: plan.docs }, (_, d) => docName(d));
  const specs: ClientSpec[] = roles.map((r, id) => ({
    id,
    clientId: 1 + id + (plan.tokenOffset ?? 0),
    url: server.wsUrl,
    doc: names[r.docIndex]!,
    dialect: server.dialect,
    token: server.seed?.tokens[id + (plan.tokenOffset ?? 0)],
    role: r.role,
    docIndex: r.docIndex,
  }));
  const clientsPerDoc = new Map<number, number>();
  for (const s of specs) clientsPerDoc.set(s.docIndex, (clientsPerDoc.get(s.docIndex) ?? 0) + 1);

  const gens = Array.from({ length: Math.max(1, plan.generators) }, () => new Generator());
  let editsSent = 0;
  let arrivalsExpected = 0;
  gens.forEach((g, gi) => {
    g.onSends = (records) => {
      for (const r of records) {
        editsSent++;
        arrivalsExpected += (clientsPerDoc.get(r[4]) ?? 1) - 1;
      }
      gens.forEach((other, oi) => oi !== gi && other.send({ type: 'sends', records }));
    };
  });
  const options: GeneratorOptions = {
    full: plan.full,
    editIntervalMs: plan.editIntervalMs,
    charsPerEdit: plan.charsPerEdit,
    awareness: Boolean(plan.awareness),
    connectConcurrency: 64,
  };
  const shares = gens.map((_, gi) => specs.filter((_, i) => i % gens.length === gi));
  try {
    await Promise.all(gens.map((g) => g.ready));
    const cpu0 = cpuSeconds(server.pid);
    const t0 = now();
    const connected = await Promise.all(
      gens.map((g, gi) => g.request({ type: 'connect', clients: shares[gi]!, options }, 'connected', 180_000)),
    );
    const admitSeconds = (now() - t0) / 1000;
    const synced = connected.reduce((n, s) => n + s.synced, 0);
    log(`    admitted ${synced}/${specs.length} in ${admitSeconds.toFixed(2)} s`);

    let measureCpu0 = cpuSeconds(server.pid);
    let measuredSeconds = 0;
    if (!plan.idleOnly) {
      const measureFrom = now() + plan.warmupSeconds * 1000;
      const until = measureFrom + plan.seconds * 1000;
      for (const g of gens) g.send({ type: 'edit', untilEpochMs: until, measureFromEpochMs: measureFrom });
      await new Promise((r) => setTimeout(r, plan.warmupSeconds * 1000));
      measureCpu0 = cpuSeconds(server.pid);
      const m0 = now();
      await new Promise((r) => setTimeout(r, Math.max(0, until - now())));
      measuredSeconds = (now() - m0) / 1000;
    }
    const measureCpu1 = cpuSeconds(server.pid);
    // Drain: bounded wait for every edit to reach every client.
    let stats: GeneratorStats[] = [];
    const drainUntil = now() + plan.editIntervalMs + 15_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      stats = await Promise.all(gens.map((g) => g.request({ type: 'report' }, 'report', 30_000)));
      const arrivals = stats.reduce((n, s) => n + s.arrivals, 0);
      const sends = stats.reduce((n, s) => n + s.sends, 0);
      if ((arrivals >= arrivalsExpected && sends === editsSent) || now() > drainUntil) break;
    }

    let reconnect: LoadResult['reconnect'];
    if (plan.reconnect) {
      const r0 = now();
      const after = await Promise.all(gens.map((g) => g.request({ type: 'reconnect' }, 'reconnected', 180_000)));
      const syncMs = after.flatMap((s) => s.syncMs).filter((x) => x >= 0);
      reconnect = {
        clients: specs.length,
        allSyncedSeconds: +((now() - r0) / 1000).toFixed(2),
        p50SyncMs: +percentileOf(syncMs, 50).toFixed(1),
        p99SyncMs: +percentileOf(syncMs, 99).toFixed(1),
        failed: after.reduce((n, s) => n + s.failed, 0),
      };
      log(`    reconnect storm: ${reconnect.clients} clients resynced in ${reconnect.allSyncedSeconds} s`);
    }

    const persistLagMs = await hallwayHistogramMs(server, 'hallway_collab_persist_lag_seconds').catch(() => undefined);
    // Newer Hallway: how long its log writer thread took per append (a flush) and per compaction.
    const logWriterMs = {
      append: await hallwayHistogramMs(server, 'hallway_collab_log_writer_seconds', 'op="append"').catch(
        () => undefined,
      ),
      compact: await hallwayHistogramMs(server, 'hallway_collab_log_writer_seconds', 'op="compact"').catch(
        () => undefined,
      ),
    };
    const hist = new Histogram();
    for (const s of stats) hist.merge(s.histogram);
    const arrivals = stats.reduce((n, s) => n + s.arrivals, 0);
    const convergedClients = stats.reduce((n, s) => n + s.converged, 0);
    const mem = memory(server.pid);
    const checksums = stats.flatMap((s) => s.checksums);
    const perDoc = new Map<string, Set<string>>();
    for (const c of checksums) {
      const [doc, sum] = [c.slice(0, c.indexOf('/')), c.slice(c.indexOf('/') + 1)];
      if (!perDoc.has(doc)) perDoc.set(doc, new Set());
      perDoc.get(doc)!.add(sum);
    }
    const editors = roles.filter((r) => r.role === 'editor').length;
    return {
      server: server.label,
      clients: specs.length,
      editors,
      readers: specs.length - editors,
      docs: plan.docs,
      admitSeconds: +admitSeconds.toFixed(2),
      synced,
      failed: connected.reduce((n, s) => n + s.failed, 0),
      closedByServer: stats.reduce((n, s) => n + s.closedByServer, 0),
      editsSent,
      arrivalsExpected,
      arrivals,
      lostArrivals: Math.max(0, arrivalsExpected - arrivals),
      converged: convergedClients === specs.length,
      convergedClients,
      latencyMs: hist.summary(),
      serverCpuCores: measuredSeconds > 0 ? +((measureCpu1 - measureCpu0) / measuredSeconds).toFixed(3) : 0,
      serverCpuSeconds: +(cpuSeconds(server.pid) - cpu0).toFixed(2),
      serverPeakRssMB: Math.round(mem.peakRss / 1048576),
      serverRssMB: Math.round(mem.rss / 1048576),
      generators: stats.map((s) => ({
        cpuCores: measuredSeconds > 0 ? +(s.cpuSeconds / (measuredSeconds + plan.warmupSeconds)).toFixed(2) : 0,
        eventLoopDelayP99Ms: +s.eventLoopDelayP99Ms.toFixed(1),
        eventLoopDelayMaxMs: +s.eventLoopDelayMaxMs.toFixed(1),
      })),
      reconnect,
      fullChecksumsAgree: plan.full ? [...perDoc.values()].every((s) => s.size === 1) : undefined,
      persistLagMs,
      logWriterMs: logWriterMs.append?.count ? logWriterMs : undefined,
    };
  } finally {
    for (const g of gens) g.send({ type: 'close' });
    await Promise.all(
      gens.map((g) => new Promise<void>((r) => (g.proc.exitCode !== null ? r() : g.proc.once('exit', () => r())))),
    );
  }
}

export interface IdleResult {
  server: string;
  connections: number;
  docs: number;
  admitSeconds: number;
  synced: number;
  failed: number;
  rssPoints: { connections: number; rssMB: number }[];
  bytesPerConnection: number;
  idleCpuCores: number;
  serverPeakRssMB: number;
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? NaN : num / den;
}

/**
 * Idle connections (readers) over many documents, admitted in `steps` bursts as fast as the
 * server takes them; memory per connection is the slope of the server's RSS over the count.
 */
export async function runIdle(
  server: RunningServer,
  plan: LoadPlan,
  steps: number,
  idleSeconds: number,
  log: (s: string) => void,
): Promise<IdleResult> {
  const { roles } = rolesFor(plan);
  const names = Array.from(
    { length: plan.docs },
    (_, d) => server.seed?.docNames[d] ?? `idle-${Date.now().toString(36)}-${d}`,
  );
  const specs: ClientSpec[] = roles.map((r, id) => ({
    id,
    clientId: 1 + id,
    url: server.wsUrl,
    doc: names[r.docIndex]!,
    dialect: server.dialect,
    token: server.seed?.tokens[id + (plan.tokenOffset ?? 0)],
    role: r.role,
    docIndex: r.docIndex,
  }));
  // Interleave documents so every burst spreads over all of them.
  specs.sort((a, b) => (a.id % plan.readersPerDoc) - (b.id % plan.readersPerDoc) || a.docIndex - b.docIndex);
  const gens = Array.from({ length: Math.max(1, plan.generators) }, () => new Generator());
  const options: GeneratorOptions = {
    full: false,
    editIntervalMs: plan.editIntervalMs,
    charsPerEdit: 1,
    awareness: false,
    connectConcurrency: 64,
  };
  try {
    await Promise.all(gens.map((g) => g.ready));
    await new Promise((r) => setTimeout(r, 500));
    const points = [{ x: 0, y: memory(server.pid).rss }];
    let admit = 0;
    let stats: GeneratorStats[] = [];
    const per = Math.ceil(specs.length / steps);
    for (let s = 0; s < steps; s++) {
      const batch = specs.slice(s * per, (s + 1) * per);
      const t0 = now();
      stats = await Promise.all(
        gens.map((g, gi) =>
          g.request(
            { type: 'connect', clients: batch.filter((_, i) => i % gens.length === gi), options },
            'connected',
            300_000,
          ),
        ),
      );
      admit += (now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 500));
      const n = Math.min(specs.length, (s + 1) * per);
      points.push({ x: n, y: memory(server.pid).rss });
      log(`    ${n} connections: RSS ${(points.at(-1)!.y / 1048576).toFixed(0)} MB`);
    }
    const c0 = cpuSeconds(server.pid);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const idleCpu = (cpuSeconds(server.pid) - c0) / idleSeconds;
    stats = await Promise.all(gens.map((g) => g.request({ type: 'report' }, 'report', 30_000)));
    return {
      server: server.label,
      connections: specs.length,
      docs: plan.docs,
      admitSeconds: +admit.toFixed(2),
      synced: stats.reduce((n, s) => n + s.synced, 0),
      failed: stats.reduce((n, s) => n + s.failed, 0),
      rssPoints: points.map((p) => ({ connections: p.x, rssMB: Math.round(p.y / 1048576) })),
      bytesPerConnection: Math.round(slope(points)),
      idleCpuCores: +idleCpu.toFixed(3),
      serverPeakRssMB: Math.round(memory(server.pid).peakRss / 1048576),
    };
  } finally {
    for (const g of gens) g.send({ type: 'close' });
    await Promise.all(
      gens.map((g) => new Promise<void>((r) => (g.proc.exitCode !== null ? r() : g.proc.once('exit', () => r())))),
    );
  }
}
