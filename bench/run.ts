// `npm run bench -- <scenario> [flags]` (in bench/, or from the repository root): runs the servers
// under test side by side, alternating, on the same workload, and writes the results as JSON.
// Scenarios: one-room, many-rooms, idle, reconnect, long-history, cold-load, export, all.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { SCENARIOS, type Flags, type ScenarioName } from './scenarios';
import { BENCH_DIR } from './lib/servers';
import type { ServerKind } from './lib/servers';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    servers: { type: 'string', default: 'hallway,hocuspocus,y-websocket' },
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    warmup: { type: 'string' },
    interval: { type: 'string', default: '400' },
    chars: { type: 'string', default: '4' },
    generators: { type: 'string' },
    full: { type: 'boolean', default: false },
    awareness: { type: 'boolean', default: false },
    pg: { type: 'boolean', default: false },
    'hallway-mode': { type: 'string', default: 'app' },
    'hallway-root': { type: 'string' },
    editors: { type: 'string' },
    readers: { type: 'string' },
    rooms: { type: 'string' },
    connections: { type: 'string' },
    profile: { type: 'string' },
    rounds: { type: 'string' },
    priority: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

const scenario = (positionals[0] ?? 'help') as ScenarioName | 'all' | 'help';
if (values.help || scenario === 'help' || (scenario !== 'all' && !(scenario in SCENARIOS))) {
  console.log(`usage: npm run bench -- <${[...Object.keys(SCENARIOS), 'all'].join('|')}> [flags]
  --servers hallway,hocuspocus,y-websocket   which servers, run alternating in this order (also
                                             hallway-app, hallway-collab: both Hallway modes in one run)
  --quick                                    small cases, a few seconds each
  --seconds N --warmup N                     measured and warm-up seconds per case
  --interval MS --chars N                    each editor inserts N characters every MS (400, 4)
  --editors E --readers R                    one-room: a single case instead of the defaults
  --rooms N --connections N                  many-rooms rooms, idle connections
  --generators N                             load-generator processes (default by client count)
  --full                                     full clients (a Y.Doc each) instead of thin ones
  --awareness                                editors also send a cursor (awareness update) with each edit
  --pg                                       Hallway on PostgreSQL (BENCH_DATABASE_URL or local)
  --hallway-mode app|collab                  npm start (default) or npm run start:collab
  --hallway-root DIR                         run the Hallway server of another checkout (read only)
  --rounds N                                 runs per case and server, order alternating (quick and all: 1, else 2)
  --priority N                               scheduling priority of the run, servers and generators (-20..19)
  --profile DIR                              node --cpu-prof the servers into DIR
  --check                                    exit 1 if any server failed, lost an edit or did not converge
  --out FILE                                 where the JSON goes (default bench/results/<scenario>-<date>.json)`);
  process.exit(scenario === 'help' || values.help ? 0 : 1);
}

const flags: Flags = {
  servers: values.servers!.split(',').map((s) => s.trim()) as ServerKind[],
  quick: values.quick!,
  seconds: values.seconds ? Number(values.seconds) : undefined,
  warmup: values.warmup ? Number(values.warmup) : undefined,
  intervalMs: Number(values.interval),
  chars: Number(values.chars),
  generators: values.generators ? Number(values.generators) : undefined,
  full: values.full!,
  awareness: values.awareness!,
  postgres: values.pg!,
  hallwayMode: values['hallway-mode'] === 'collab' ? 'collab' : 'app',
  hallwayRoot: values['hallway-root'] ? path.resolve(values['hallway-root']) : undefined,
  editors: values.editors ? Number(values.editors) : undefined,
  readers: values.readers ? Number(values.readers) : undefined,
  rooms: values.rooms ? Number(values.rooms) : undefined,
  connections: values.connections ? Number(values.connections) : undefined,
  profileDir: values.profile ? path.resolve(values.profile) : undefined,
  // `all` runs each case once so it fits in 20 minutes; single scenarios alternate two rounds.
  rounds: values.rounds ? Number(values.rounds) : values.quick || scenario === 'all' ? 1 : 2,
};
// On a machine shared with other work, a higher priority (negative, needs root) for the whole run
// (servers and generators inherit it) keeps the others' bursts out of the figures.
// Linux schedules by autogroup (one per session) before nice values, so the group's share is set too.
if (values.priority) {
  os.setPriority(Number(values.priority));
  try {
    fs.writeFileSync('/proc/self/autogroup', values.priority);
  } catch {
    // no autogroup scheduling here: the nice value alone applies
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const names = scenario === 'all' ? (Object.keys(SCENARIOS) as ScenarioName[]) : [scenario];
  const results: Record<string, unknown> = {};
  for (const name of names) {
    console.log(`\n== ${name}${flags.quick ? ' (quick)' : ''}`);
    results[name] = await SCENARIOS[name]!(flags, (s) => console.log(s));
  }
  const report = {
    scenario,
    flags,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg(),
    },
    seconds: Math.round((Date.now() - started) / 1000),
    results,
  };
  const out =
    values.out ??
    path.join(
      BENCH_DIR,
      'results',
      `${scenario}${flags.quick ? '-quick' : ''}-${report.date.slice(0, 16).replace(/:/g, '')}.json`,
    );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nresults: ${path.relative(process.cwd(), out)} (${report.seconds} s)`);
  if (values.check) {
    const problems = findProblems(results);
    for (const p of problems) console.error(`check failed: ${p}`);
    if (problems.length) process.exit(1);
  }
}

/** Errors, lost edits and divergence anywhere in the results (for --check, the smoke run in `npm test`). */
function findProblems(node: unknown, where = ''): string[] {
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const out: string[] = [];
  if (typeof o.error === 'string') out.push(`${where}: ${o.error.split('\n')[0]}`);
  if (typeof o.lostArrivals === 'number' && o.lostArrivals > 0) out.push(`${where}: ${o.lostArrivals} arrivals lost`);
  if (o.converged === false) out.push(`${where}: clients did not converge`);
  for (const [k, v] of Object.entries(o)) out.push(...findProblems(v, where ? `${where}.${k}` : k));
  return out;
}

// The whole run is bounded too: a stuck case cannot keep the machine busy.
setTimeout(() => {
  console.error('benchmark exceeded its time limit (30 min): stopping');
  process.exit(3);
}, 30 * 60_000).unref();

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
