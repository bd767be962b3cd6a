import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, ROOT } from '../lib/servers';
import type { Flags, Log } from './flags';

/**
 * An event of 60 sessions × 300 bullets exported as Markdown, measured by bench/export-bench.ts:
 * cold (a fresh process reading the renditions the collab server keeps), warm (the same process
 * again) and rerender (a fresh process converting every document), wall and CPU milliseconds.
 */
export async function exportScenario(flags: Flags, log: Log) {
  const script = path.join(BENCH_DIR, 'export-bench.ts');
  if (!fs.existsSync(script)) {
    log('    not available: bench/export-bench.ts does not exist yet');
    return { available: false, reason: 'bench/export-bench.ts does not exist yet' };
  }
  // The script's own options: `--json` prints one JSON line. Each cold and rerender run is a fresh
  // process (seconds each on a loaded machine): 5 runs, 3 when quick.
  const args = ['--json', '--runs', flags.quick ? '3' : '5'];
  const env = { ...process.env, DATABASE_URL: undefined };
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 900_000,
  });
  if (r.status !== 0) return { available: true, error: (r.stderr || r.stdout).slice(-2000) };
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  log(`    ${last}`);
  try {
    return { available: true, result: JSON.parse(last) as unknown };
  } catch {
    return { available: true, output: r.stdout.slice(-2000) };
  }
}
