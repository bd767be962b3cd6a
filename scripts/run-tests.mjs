// `npm test`: typecheck, lint, production build, unit + integration (Vitest, on SQLite and, when
// TEST_DATABASE_URL is set, PostgreSQL), then browser tests (Playwright). Prints one summary line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const env = { ...process.env, TZ: 'UTC', NEXT_TELEMETRY_DISABLED: '1', E2E_RUN_ID: `${Date.now()}` };
const only = process.argv.slice(2);
const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['schemas', 'node', ['scripts/prisma-schemas.mjs', '--check']],
  ['build', 'npx', ['next', 'build']],
  [
    'unit+integration',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest-report.json'],
  ],
  // The collab server under faults and abuse (test/chaos), and a seconds-long benchmark run so the
  // harness in bench/ cannot rot (Hallway only: the peers are not installed by `npm ci`).
  [
    'chaos',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'vitest.chaos.config.mts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/chaos-report.json',
    ],
  ],
  [
    'bench-smoke',
    'npx',
    [
      'tsx',
      'bench/run.ts',
      'one-room',
      '--servers',
      'hallway',
      '--hallway-mode',
      'collab',
      '--editors',
      '5',
      '--readers',
      '5',
      '--seconds',
      '1',
      '--warmup',
      '0.5',
      '--rounds',
      '1',
      '--check',
      '--out',
      'test-results/bench-smoke.json',
    ],
  ],
  ['browser', 'npx', ['playwright', 'test']],
].filter(([name]) => only.length === 0 || only.includes(name));

fs.mkdirSync('test-results', { recursive: true });
for (const f of ['test-results/vitest-report.json', 'test-results/chaos-report.json', 'test-results/e2e-report.json'])
  fs.rmSync(f, { force: true });

const results = [];
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  results.push({ name, ok: r.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
let passed = 0,
  failed = 0,
  skipped = 0;
for (const file of ['test-results/vitest-report.json', 'test-results/chaos-report.json']) {
  const v = read(file);
  if (v) {
    passed += v.numPassedTests;
    failed += v.numFailedTests;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  }
}
const p = read('test-results/e2e-report.json');
if (p?.stats) {
  passed += p.stats.expected;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
}

// CI shows only the tail of the output: name each failed test there, with the start of its error.
const failures = [];
for (const file of ['test-results/vitest-report.json', 'test-results/chaos-report.json']) {
  for (const t of read(file)?.testResults ?? [])
    for (const a of t.assertionResults ?? [])
      if (a.status === 'failed')
        failures.push({
          name: `${path.relative(process.cwd(), t.name)} > ${a.fullName}`,
          error: a.failureMessages?.[0],
        });
}
(function walk(suites) {
  for (const s of suites ?? []) {
    for (const spec of s.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === 'unexpected')
          failures.push({
            name: `${spec.file}:${spec.line} > ${spec.title}`,
            error: test.results?.find((r) => r.error)?.error?.message,
          });
    walk(s.suites);
  }
})(p?.suites);
if (failures.length) {
  console.log('\nFailed:');
  for (const f of failures) {
    console.log(`  ✗ ${f.name}`);
    const lines = String(f.error ?? '')
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .slice(0, 12);
    for (const line of lines) console.log(`      ${line}`);
  }
}

console.log('\nSteps:');
for (const r of results) console.log(`  ${r.ok ? '✓' : '✗'} ${r.name} (${r.seconds}s)`);
const stepFailures = results.filter((r) => !r.ok).length;
// A failed step with no failing test (typecheck, lint, build) still counts as one failure.
const failedTotal = failed + (stepFailures && failed === 0 ? stepFailures : 0);
console.log(`\ntests: ${passed} passed, ${failedTotal} failed, ${skipped} skipped`);
process.exit(stepFailures ? 1 : 0);
