// The first open of a document with many stored log rows, part by part, in one process on one
// SQLite file, alternating (branch load, issue 11): the previous reader (Prisma findMany, one row
// object and buffer per row, merged on the main thread by the CommonJS Yjs), the web app's reader
// now (one statement returning the log as one value), and the collab server's (read and merged in
// the log writer thread by the ES module Yjs; the main thread applies one update).
//   DATABASE_URL=file:/tmp/parts.db AUTH_SECRET=<32+ chars> npx tsx bench/cold-load-parts.ts [rows=100000] [rounds=5]
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { loadStoredDoc, mergeStoredUpdates } from '@/lib/collab/stored-doc';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { db } from '@/lib/db';
import { migrateDatabase } from '@/lib/migrate-database';
import { SqliteWorkerLogWriter } from '@/server/collab/log-writer';
import { createCollabMetrics } from '@/server/collab/metrics';

const [rowsArg, roundsArg] = process.argv.slice(2);
const rows = Number(rowsArg ?? 100_000);
const rounds = Number(roundsArg ?? 5);

async function main(): Promise<void> {
  const target = resolveDatabaseTarget();
  if (target.provider !== 'sqlite') throw new Error('SQLite only: DATABASE_URL=file:...');
  await migrateDatabase(target);
  const docName = `session:parts${Date.now().toString(36)}`;
  // One writer typing into one paragraph, one row per keystroke (as bench/lib/hallway-seed.ts).
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  source.getXmlFragment('default').push([paragraph]);
  for (let i = 1; i < rows; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  const file = new Database(target.file);
  const insert = file.prepare('INSERT INTO "DocUpdate" ("docName", "data", "createdAt") VALUES (?, ?, ?)');
  file.transaction(() => {
    for (const u of updates) insert.run(docName, Buffer.from(u), new Date().toISOString());
  })();
  file.close();
  const expected = source.getXmlFragment('default').toString();

  // Never compacts: every round reads the same rows.
  const writer = new SqliteWorkerLogWriter(target.file, createCollabMetrics(), Number.POSITIVE_INFINITY);
  const check = (state: Uint8Array | null) => {
    const d = new Y.Doc();
    Y.applyUpdate(d, state!);
    if (d.getXmlFragment('default').toString() !== expected) throw new Error('loaded something else');
    return d;
  };
  // A way that returns a number measured only part of what it did: that number is its time.
  const ways: Record<string, () => Promise<unknown>> = {
    'before: findMany + merge on the main thread': async () => {
      const r = await db.docUpdate.findMany({ where: { docName }, orderBy: { id: 'asc' }, select: { data: true } });
      check(mergeStoredUpdates(r.map((x) => new Uint8Array(x.data))));
    },
    'web app now: one statement + merge on the main thread': async () =>
      check((await loadStoredDoc(db, docName)).state),
    'collab server now: writer thread reads and merges, main applies': async () =>
      check((await writer.load(docName)).state),
    // A server's first open, a second after it started: the thread is up, its code not yet used.
    'collab server, thread started 1 s before': async () => {
      const fresh = new SqliteWorkerLogWriter(target.file, createCollabMetrics(), Number.POSITIVE_INFINITY);
      await new Promise((r) => setTimeout(r, 1000));
      const t0 = performance.now();
      check((await fresh.load(docName)).state);
      const ms = performance.now() - t0;
      await fresh.close();
      return ms;
    },
  };
  await writer.load(docName); // the thread's start-up is not what is measured
  const times = new Map<string, number[]>(Object.keys(ways).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of Object.entries(ways)) {
      const t0 = performance.now();
      const own = await f();
      times.get(name)!.push(typeof own === 'number' ? own : performance.now() - t0);
    }
  }
  console.log(`${rows} rows, ${rounds} rounds alternating; median (min–max) ms:`);
  for (const [name, t] of times) {
    const s = [...t].sort((a, b) => a - b);
    console.log(`  ${name}: ${s[s.length >> 1]!.toFixed(0)} (${s[0]!.toFixed(0)}–${s[s.length - 1]!.toFixed(0)})`);
  }
  await writer.close();
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
