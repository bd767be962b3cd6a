// Time to export an event of 60 sessions × 300 bullets as Markdown, the way
// GET /api/events/{slug}/notes.md does it. Runs against a fresh SQLite database unless
// DATABASE_URL is set. Target: ≤ 300 ms on 2 cores. Three figures (docs/performance.md):
//   cold     a fresh process (modules loaded, database connected, nothing else run), each
//            document's rendition in the database as the collab server leaves it after storing
//            edits (server/collab/notes-renditions-hook.ts): the first export after a restart.
//   rerender a fresh process with no current rendition: every document was edited since it was
//            last rendered, so every one is converted (Yjs → ProseMirror JSON → Markdown) and kept.
//   warm     the same process again and again (preview, then download, then gist).
//   npx tsx bench/export-bench.ts [--sessions 60] [--bullets 300] [--runs 10] [--json]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '60' },
    bullets: { type: 'string', default: '300' },
    runs: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
    // Internal: one timed export in this (fresh) process, for the parent.
    child: { type: 'string' },
  },
});
const SESSIONS = Number(values.sessions);
const BULLETS = Number(values.bullets);
const RUNS = Number(values.runs);

const ownDatabase = !process.env.DATABASE_URL;
const dbFile = path.join(os.tmpdir(), `hallway-export-bench-${process.pid}.db`);
process.env.DATABASE_URL ??= `file:${dbFile}`;
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

interface Timed {
  ms: number;
  cpuMs: number;
  markdown: string;
}

async function timedExport(slug: string): Promise<Timed> {
  const { exportEventMarkdown } = await import('@/lib/export/export-event-markdown');
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  const out = await exportEventMarkdown({ actor: null, slug, query: {} });
  const used = process.cpuUsage(c);
  return { ms: ms(t), cpuMs: (used.user + used.system) / 1000, markdown: out.markdown };
}

/** The child: load what the server has loaded when it starts, connect, then time one export. */
async function child(slug: string) {
  await import('@/lib/export/export-event-markdown');
  const { db } = await import('@/lib/db');
  await db.event.findUnique({ where: { slug }, select: { id: true } });
  const r = await timedExport(slug);
  console.log(JSON.stringify({ ms: r.ms, cpuMs: r.cpuMs, bytes: Buffer.byteLength(r.markdown) }));
  await db.$disconnect();
}

function freshProcess(slug: string): { ms: number; cpuMs: number; bytes: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', slug], {
    env: process.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`fresh export process failed: ${r.stderr || r.stdout}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { ms: number; cpuMs: number; bytes: number };
}

async function main() {
  if (values.child) return child(values.child);
  const { migrateDatabase } = await import('@/lib/migrate-database');
  const { resolveDatabaseTarget } = await import('@/lib/database-url');
  await migrateDatabase(resolveDatabaseTarget());
  const { db } = await import('@/lib/db');
  const { jsonToYState, markdownToJSON } = await import('@/lib/editor/import-notes');
  const { docNameForSession } = await import('@/lib/notes/doc-name');
  const { clearRenditionMemory, renderStoredNotes } = await import('@/lib/export/notes-renditions');
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
  const docNames: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const s = await buildSession(event.id, {
      title: `Session ${i + 1}: topic ${i}`,
      slotId: slots[Math.floor(i / rooms.length)]!.id,
      roomId: rooms[i % rooms.length]!.id,
    });
    docNames.push(docNameForSession(s.id));
    await db.docUpdate.create({
      data: { docName: docNames[i]!, data: new Uint8Array(jsonToYState(markdownToJSON(notesMarkdown(i, BULLETS)))) },
    });
  }
  const seedMs = ms(t0);
  // No rendition stored: every document must be converted.
  const forgetRenditions = async () => {
    await db.notesRendition.deleteMany({ where: { docName: { in: docNames } } });
    clearRenditionMemory();
  };

  // Rerender: fresh processes, nothing rendered yet (each run renders and stores; then forgotten again).
  const rerender = [];
  for (let r = 0; r < RUNS; r++) {
    await forgetRenditions();
    rerender.push(freshProcess(event.slug));
  }
  // Cold: fresh processes, renditions stored as the collab server's hook leaves them.
  await forgetRenditions();
  await renderStoredNotes(docNames);
  const cold = [];
  for (let r = 0; r < RUNS; r++) cold.push(freshProcess(event.slug));
  // Warm: this process, again and again (the first run fills its memory, untimed).
  const first = await timedExport(event.slug);
  const warm: Timed[] = [];
  for (let r = 0; r < RUNS; r++) warm.push(await timedExport(event.slug));
  // Rerender in a warmed-up process (JIT compiled): the cost of converting alone.
  const rerenderWarm: Timed[] = [];
  for (let r = 0; r < Math.min(RUNS, 5); r++) {
    await forgetRenditions();
    rerenderWarm.push(await timedExport(event.slug));
  }

  const markdown = first.markdown;
  const bytes = Buffer.byteLength(markdown);
  const bullets = (markdown.match(/^\s*- /gm) ?? []).length;
  if ([...cold, ...rerender].some((r) => r.bytes !== bytes) || rerenderWarm.some((r) => r.markdown !== markdown))
    throw new Error('exports differ between runs');
  if (bullets !== SESSIONS * BULLETS) throw new Error(`exported ${bullets} bullets, expected ${SESSIONS * BULLETS}`);
  const summary = (xs: { ms: number; cpuMs: number }[]) => ({
    medianMs: Math.round(
      pct(
        xs.map((x) => x.ms),
        50,
      ),
    ),
    p95Ms: Math.round(
      pct(
        xs.map((x) => x.ms),
        95,
      ),
    ),
    cpuMs: Math.round(
      pct(
        xs.map((x) => x.cpuMs),
        50,
      ),
    ),
  });
  const c = summary(cold);
  const w = summary(warm);
  const rr = summary(rerender);
  const rw = summary(rerenderWarm);
  const result = {
    sessions: SESSIONS,
    bulletsPerSession: BULLETS,
    bulletsExported: bullets,
    markdownKB: Math.round(bytes / 1024),
    runs: RUNS,
    coldMedianMs: c.medianMs,
    coldP95Ms: c.p95Ms,
    coldCpuMs: c.cpuMs,
    warmMedianMs: w.medianMs,
    warmP95Ms: w.p95Ms,
    warmCpuMs: w.cpuMs,
    rerenderMedianMs: rr.medianMs,
    rerenderP95Ms: rr.p95Ms,
    rerenderCpuMs: rr.cpuMs,
    rerenderWarmCpuMs: rw.cpuMs,
    loadAverage: os.loadavg()[0]!.toFixed(1),
    targetMs: 300,
    cpus: os.cpus().length,
    seedMs: Math.round(seedMs),
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    const line = (name: string, s: ReturnType<typeof summary>, what: string) =>
      console.log(`  ${name} median ${s.medianMs} ms, p95 ${s.p95Ms} ms, CPU ${s.cpuMs} ms  (${what})`);
    console.log(
      `export of ${SESSIONS} sessions × ${BULLETS} bullets (${bullets} bullets, ${result.markdownKB} KB of Markdown),` +
        ` ${RUNS} runs on ${result.cpus} CPUs:`,
    );
    line('cold:    ', c, 'fresh process, renditions stored by the collab server');
    line('warm:    ', w, 'same process again');
    line('rerender:', rr, 'fresh process, every document changed since rendered: all converted');
    console.log(`  rerender in a warmed-up process: CPU ${rw.cpuMs} ms`);
    console.log(`  target ≤ 300 ms; load average during the run ${result.loadAverage}`);
  }
  await db.$disconnect();
  if (ownDatabase) fs.rmSync(dbFile, { force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
