// Time to export an event of 60 sessions × 300 bullets as Markdown, the way
// GET /api/events/{slug}/notes.md does it (load every document's state in two queries, Y state →
// ProseMirror JSON → Markdown through @tiptap/markdown, assemble the file). Runs against a fresh
// SQLite database unless DATABASE_URL is set. Target: ≤ 300 ms on 2 cores.
//   npx tsx bench/export-bench.ts [--sessions 60] [--bullets 300] [--runs 10] [--json]
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '60' },
    bullets: { type: 'string', default: '300' },
    runs: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
  },
});
const SESSIONS = Number(values.sessions);
const BULLETS = Number(values.bullets);
const RUNS = Number(values.runs);

process.env.DATABASE_URL ??= `file:${path.join(os.tmpdir(), `hallway-export-bench-${process.pid}.db`)}`;
process.env.AUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret-0123';
process.env.LOG_LEVEL ??= 'warn';

/** One session's notes: `count` bullets walking up and down five levels, with links, code and tasks. */
function notesMarkdown(seed: number, count: number): string {
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < count; i++) {
    const extra =
      i % 10 === 3 ? ' see [the guide](https://example.org/guide)' : i % 10 === 6 ? ' run `make test` first' : '';
    lines.push(
      `${'  '.repeat(depth)}- ${i % 25 === 0 ? '[ ] ' : ''}point ${seed}.${i} about rollouts, on-call and *budgets*${extra}`,
    );
    const step = (seed + i) % 5;
    depth = step < 2 ? Math.min(4, depth + 1) : step === 4 ? 0 : Math.max(0, depth - 1);
    if (i % 25 === 0) depth = Math.min(depth, 0);
  }
  return lines.join('\n') + '\n';
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const { migrateDatabase } = await import('@/lib/migrate-database');
  const { resolveDatabaseTarget } = await import('@/lib/database-url');
  await migrateDatabase(resolveDatabaseTarget());
  const { db } = await import('@/lib/db');
  const { jsonToYState, markdownToJSON } = await import('@/lib/editor/import-notes');
  const { docNameForSession } = await import('@/lib/notes/doc-name');
  const { exportEventMarkdown } = await import('@/lib/export/export-event-markdown');
  const { clearNotesCache } = await import('@/lib/export/notes-cache');
  const { buildEvent, buildRoom, buildSlot, buildSession } = await import('@/test/builders');

  const t0 = process.hrtime.bigint();
  const { event } = await buildEvent({ visibility: 'PUBLIC', title: 'Benchmark Camp' });
  const rooms = await Promise.all(
    [0, 1, 2, 3, 4, 5].map((order) => buildRoom(event.id, { name: `Room ${order + 1}`, order })),
  );
  const slots = [];
  for (let i = 0; i < Math.ceil(SESSIONS / rooms.length); i++)
    slots.push(
      await buildSlot(event.id, { startsAt: new Date(Date.UTC(2026, 5, 11 + Math.floor(i / 6), 8 + (i % 6))) }),
    );
  for (let i = 0; i < SESSIONS; i++) {
    const s = await buildSession(event.id, {
      title: `Session ${i + 1}: topic ${i}`,
      slotId: slots[Math.floor(i / rooms.length)]!.id,
      roomId: rooms[i % rooms.length]!.id,
    });
    await db.docUpdate.create({
      data: {
        docName: docNameForSession(s.id),
        data: new Uint8Array(jsonToYState(markdownToJSON(notesMarkdown(i, BULLETS)))),
      },
    });
  }
  const seedMs = ms(t0);

  // Cold: every document loaded and converted (first export after a change everywhere).
  // Warm: unchanged documents come from the in-memory cache (preview, then download, then gist).
  const run = async (cold: boolean) => {
    const times: number[] = [];
    const cpu: number[] = [];
    let out = { markdown: '' };
    for (let r = 0; r < RUNS + 1; r++) {
      if (cold) clearNotesCache();
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      out = await exportEventMarkdown({ actor: null, slug: event.slug, query: {} });
      const used = process.cpuUsage(c);
      // The first run warms up the JIT and the Prisma client.
      if (r > 0) {
        times.push(ms(t));
        cpu.push((used.user + used.system) / 1000);
      }
    }
    return { times, cpu, markdown: out.markdown };
  };
  const cold = await run(true);
  const warm = await run(false);
  const bytes = Buffer.byteLength(warm.markdown);
  const bullets = (warm.markdown.match(/^\s*- /gm) ?? []).length;
  if (cold.markdown !== warm.markdown) throw new Error('cold and warm exports differ');
  const result = {
    sessions: SESSIONS,
    bulletsPerSession: BULLETS,
    bulletsExported: bullets,
    markdownKB: Math.round(bytes / 1024),
    runs: RUNS,
    coldMedianMs: Math.round(pct(cold.times, 50)),
    coldP95Ms: Math.round(pct(cold.times, 95)),
    warmMedianMs: Math.round(pct(warm.times, 50)),
    warmP95Ms: Math.round(pct(warm.times, 95)),
    // CPU time of this process (the database is in-process SQLite): what the export costs when
    // the machine is shared, as wall time then mostly measures waiting for a core.
    coldCpuMs: Math.round(pct(cold.cpu, 50)),
    warmCpuMs: Math.round(pct(warm.cpu, 50)),
    loadAverage: os.loadavg()[0]!.toFixed(1),
    targetMs: 300,
    cpus: os.cpus().length,
    seedMs: Math.round(seedMs),
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(
      `export of ${SESSIONS} sessions × ${BULLETS} bullets (${bullets} bullets, ${result.markdownKB} KB of Markdown),` +
        ` ${RUNS} runs on ${result.cpus} CPUs:`,
    );
    console.log(
      `  cold (every document converted): median ${result.coldMedianMs} ms, p95 ${result.coldP95Ms} ms, CPU ${result.coldCpuMs} ms`,
    );
    console.log(
      `  warm (unchanged documents cached): median ${result.warmMedianMs} ms, p95 ${result.warmP95Ms} ms, CPU ${result.warmCpuMs} ms`,
    );
    console.log(`  target ≤ 300 ms; load average during the run ${result.loadAverage}`);
  }
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
