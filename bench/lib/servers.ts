// Starts each server under test as its own process on a loopback port and stops it again.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SeedResult, SeedSpec } from './hallway-seed';
import type { Dialect } from './wire';

export const BENCH_DIR = path.resolve(__dirname, '..');
export const ROOT = path.resolve(BENCH_DIR, '..');

/** `hallway` runs as --hallway-mode says; `hallway-app` and `hallway-collab` pin `npm start` or `npm run start:collab`. */
export type ServerKind = 'hallway' | 'hallway-app' | 'hallway-collab' | 'y-websocket' | 'hocuspocus';
export interface ServerOptions {
  /** Hallway: `npm start` (app: web app and collab in one process) or `npm run start:collab`. */
  hallwayMode: 'app' | 'collab';
  postgres: boolean;
  /** Another checkout whose Hallway server to run (e.g. main's latest), instead of this one. */
  hallwayRoot?: string;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeFlags?: string[];
  cwdForProfiles?: string;
}

export interface RunningServer {
  kind: ServerKind;
  /** Hallway in either mode: seeded, with tokens and /metrics. */
  readonly isHallway?: boolean;
  label: string;
  dialect: Dialect;
  pid: number;
  /** Base WebSocket URL; clients append /<doc> (y-websocket dialect). */
  wsUrl: string;
  httpUrl: string;
  seed: SeedResult | null;
  databaseUrl?: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitHttp(url: string, proc: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not come up within ${timeoutMs} ms:\n${output()}`);
}

function spawnServer(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-8000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return { proc, output: () => out };
}

function stopper(proc: ChildProcess): () => Promise<void> {
  return async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

const AUTH_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
/** Hallway hides /metrics unless a token is set (newer versions); the bench reads a few counters. */
export const METRICS_TOKEN = 'bench-metrics-token-0123456789';

async function createPostgres(): Promise<string> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const u = new URL(base);
  const name = `hallway_bench_${Date.now().toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropPostgres(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await c.end();
}

/** Seeds a fresh database and starts Hallway on it as users run it: auth and persistence on. */
async function startHallway(spec: SeedSpec, opts: ServerOptions): Promise<RunningServer> {
  const root = opts.hallwayRoot ?? ROOT;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-bench-'));
  const databaseUrl = opts.postgres ? await createPostgres() : `file:${path.join(tmp, 'hallway.db')}`;
  const env = {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET,
    METRICS_TOKEN,
    DATA_DIR: tmp,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  fs.writeFileSync(path.join(tmp, 'spec.json'), JSON.stringify(spec));
  const seedOut = path.join(tmp, 'seed.json');
  await new Promise<void>((resolve, reject) => {
    const { proc, output } = spawnServer(
      ['--import', 'tsx', path.join(BENCH_DIR, 'lib/hallway-seed.ts'), path.join(tmp, 'spec.json'), seedOut],
      env,
      root,
    );
    proc.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding failed (${code}):\n${output()}`))));
  });
  const seed = JSON.parse(fs.readFileSync(seedOut, 'utf8')) as SeedResult;
  const port = await freePort();
  const entry = opts.hallwayMode === 'app' ? 'server/main.ts' : 'server/collab-main.ts';
  if (opts.hallwayMode === 'app' && !fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    throw new Error('`npm start` needs a production build: run `npx next build` first, or pass --hallway-mode collab');
  }
  const { proc, output } = spawnServer(
    [...(opts.nodeFlags ?? []), '--import', 'tsx', path.join(root, entry)],
    { ...env, PORT: String(port), COLLAB_PORT: String(port), HOST: '127.0.0.1' },
    opts.cwdForProfiles ?? root,
  );
  await waitHttp(`http://127.0.0.1:${port}/api/health`, proc, output, 120_000);
  const stop = stopper(proc);
  return {
    kind: 'hallway',
    isHallway: true,
    label:
      `hallway (${opts.hallwayMode === 'app' ? 'npm start' : 'start:collab'}, ` +
      `${opts.postgres ? 'PostgreSQL' : 'SQLite'}${opts.hallwayRoot ? `, ${root}` : ''})`,
    dialect: 'y-websocket',
    pid: proc.pid!,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    httpUrl: `http://127.0.0.1:${port}`,
    seed,
    databaseUrl,
    async stop() {
      await stop();
      if (opts.postgres) await dropPostgres(databaseUrl);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

function peerInstalled(): void {
  if (!fs.existsSync(path.join(BENCH_DIR, 'node_modules', '@hocuspocus', 'server'))) {
    throw new Error('the peer servers are not installed: run `npm --prefix bench ci` first');
  }
}

async function startYWebsocket(opts: ServerOptions): Promise<RunningServer> {
  peerInstalled();
  const port = await freePort();
  const script = path.join(BENCH_DIR, 'node_modules', 'y-websocket', 'bin', 'server.cjs');
  const { proc, output } = spawnServer(
    [...(opts.nodeFlags ?? []), script],
    { HOST: '127.0.0.1', PORT: String(port) },
    opts.cwdForProfiles ?? BENCH_DIR,
  );
  await waitHttp(`http://127.0.0.1:${port}/`, proc, output, 30_000);
  return {
    kind: 'y-websocket',
    label: 'y-websocket 2.1.0 bin/server.cjs',
    dialect: 'y-websocket',
    pid: proc.pid!,
    wsUrl: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    seed: null,
    stop: stopper(proc),
  };
}

async function startHocuspocus(opts: ServerOptions): Promise<RunningServer> {
  peerInstalled();
  const port = await freePort();
  const { proc, output } = spawnServer(
    [...(opts.nodeFlags ?? []), path.join(BENCH_DIR, 'servers', 'hocuspocus.mjs')],
    { PORT: String(port) },
    opts.cwdForProfiles ?? BENCH_DIR,
  );
  await waitHttp(`http://127.0.0.1:${port}/`, proc, output, 30_000);
  return {
    kind: 'hocuspocus',
    label: '@hocuspocus/server 4.7.0 (in memory, defaults)',
    dialect: 'hocuspocus',
    pid: proc.pid!,
    wsUrl: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    seed: null,
    stop: stopper(proc),
  };
}

export async function startServer(kind: ServerKind, spec: SeedSpec, opts: ServerOptions): Promise<RunningServer> {
  if (kind === 'hallway') return startHallway(spec, opts);
  if (kind === 'hallway-app' || kind === 'hallway-collab') {
    const server = await startHallway(spec, { ...opts, hallwayMode: kind === 'hallway-app' ? 'app' : 'collab' });
    return { ...server, kind };
  }
  if (kind === 'y-websocket') return startYWebsocket(opts);
  return startHocuspocus(opts);
}
