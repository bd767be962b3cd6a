import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_DIR, ROOT } from '../lib/servers';
import type { Flags, Log } from './flags';

/**
 * An event of 60 sessions × 300 bullets exported as Markdown: measured by bench/export-bench.ts
 * (from the export work) when it is there.
 */
export async function exportScenario(flags: Flags, log: Log) {
  const script = path.join(BENCH_DIR, 'export-bench.ts');
  if (!fs.existsSync(script)) {
    log('    not available: bench/export-bench.ts does not exist yet');
    return { available: false, reason: 'bench/export-bench.ts does not exist yet' };
  }
  // The script's own options: `--json` prints one JSON line; fewer runs when quick.
  const args = ['--json', ...(flags.quick ? ['--runs', '3'] : [])];
  const env = { ...process.env, DATABASE_URL: undefined };
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 300_000,
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
