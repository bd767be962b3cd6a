// The collaboration server's update log on SQLite, in a thread of its own (log-writer.ts starts
// it): better-sqlite3 is synchronous, and on the main thread every commit, WAL checkpoint and
// compaction stalled the fan-out of edits to clients. Appends and compactions share this one
// connection, so they never race each other for the write lock.
// Plain JavaScript so Node runs it as it is, under tsx, Vitest or anything else.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { mergeStoredLog, mergeStoredUpdates } from '../../lib/collab/merge-stored-updates.mjs';

// A short busy timeout: while another process holds the file (a locked SQLite file is an outage,
// issue 9) a write fails soon and the UpdateLog keeps the updates and retries on a growing timer
// (unsaved-buffer.ts), so an outage is noticed (health 503) within a second or two.
const db = new Database(workerData.file, { timeout: 250 });
db.pragma('journal_mode = WAL');

// The format Prisma's SQLite adapter writes DateTime columns in.
const now = () => new Date().toISOString().replace('Z', '+00:00');
const asBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

const insert = db.prepare('INSERT INTO "DocUpdate" ("docName", "data", "createdAt") VALUES (?, ?, ?)');
// One transaction per flush for every document written, as createMany did.
const appendAll = db.transaction((rows, createdAt) => {
  for (const [docName, data] of rows) insert.run(docName, data, createdAt);
});

function append(docs) {
  // One row per document per flush: the merge of what it accepted meanwhile.
  const rows = docs.map(({ docName, updates }) => [
    docName,
    asBuffer(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)),
  ]);
  appendAll.immediate(rows, now());
}

// The main process's merge too (lib/collab/stored-doc.ts), with this thread's Yjs passed in.
const mergeStored = (parts) => mergeStoredUpdates(Y, parts);

const logRows = db.prepare('SELECT "id", "data" FROM "DocUpdate" WHERE "docName" = ? ORDER BY "id"');
const snapshotOf = db.prepare('SELECT "data", "lastUpdateId" FROM "DocSnapshot" WHERE "docName" = ?');
const upsertSnapshot = db.prepare(
  'INSERT INTO "DocSnapshot" ("docName", "data", "lastUpdateId", "updatedAt") VALUES (?, ?, ?, ?) ' +
    'ON CONFLICT ("docName") DO UPDATE SET "data" = excluded."data", ' +
    '"lastUpdateId" = excluded."lastUpdateId", "updatedAt" = excluded."updatedAt"',
);
const deleteRows = db.prepare('DELETE FROM "DocUpdate" WHERE "docName" = ? AND "id" <= ?');

// As compactDoc in persistence.ts, in one IMMEDIATE transaction: it holds the write lock from its
// first read, so no other writer (another process, another node on this file) can slip in between.
const compactTx = db.transaction((docName) => {
  const rows = logRows.all(docName);
  if (rows.length === 0) return 'nothing';
  const snapshot = snapshotOf.get(docName);
  const parts = rows.map((r) => new Uint8Array(r.data));
  if (snapshot) parts.unshift(new Uint8Array(snapshot.data));
  const maxId = rows[rows.length - 1].id;
  upsertSnapshot.run(docName, asBuffer(mergeStored(parts)), Math.max(maxId, snapshot?.lastUpdateId ?? 0), now());
  deleteRows.run(docName, maxId);
  return 'compacted';
});

// The whole log as one value, rows in id order, each after its length (4 bytes, big-endian): one
// buffer instead of one per row (100,000 rows: ~40 ms instead of ~400 ms, mostly garbage). `||` and
// group_concat keep a blob's bytes (zeros included) in a UTF-8 database; the cast makes it a blob again.
const logOf = db.prepare(
  `SELECT CAST(group_concat(unhex(printf('%08x', length("data"))) || "data", '' ORDER BY "id") AS BLOB) AS "log", ` +
    `count(*) AS "rows", max("id") AS "maxId" FROM "DocUpdate" WHERE "docName" = ?`,
);
// One read transaction: the log and the snapshot are read at one state of the file, so a compaction
// by another process cannot make us miss or double rows.
const readStored = db.transaction((docName) => ({ ...logOf.get(docName), snapshot: snapshotOf.get(docName) }));

/**
 * A document's stored state for the collab server's first open of it: read, merged (typing runs
 * joined first, see lib/collab/typing-runs.mjs; a 100,000-keystroke log then merges in ~10-40 ms
 * instead of ~500) and handed back as one update. A log of `compactAbove` rows or more
 * is then folded into the snapshot with the state just merged, so the next open reads one row.
 */
function load(docName, compactAbove) {
  const stored = readStored(docName);
  const state = mergeStoredLog(Y, stored.snapshot?.data ?? null, stored.log);
  const rows = stored.rows;
  const compact =
    state && rows >= compactAbove
      ? { docName, state, maxId: stored.maxId, snapshotId: stored.snapshot?.lastUpdateId }
      : null;
  return { state, rows: compact ? 0 : rows, compact };
}

// Folds what load() read into the snapshot, unless the snapshot changed since (another process
// compacted): then the rows stay for the next compaction. Rows appended after the read have
// larger ids (SQLite hands out ids under the write lock), so `id <= maxId` deletes what was merged.
const compactLoadedTx = db.transaction(({ docName, state, maxId, snapshotId }) => {
  const now_ = snapshotOf.get(docName);
  if (now_?.lastUpdateId !== snapshotId) return 'conflict';
  upsertSnapshot.run(docName, asBuffer(state), Math.max(maxId, snapshotId ?? 0), now());
  deleteRows.run(docName, maxId);
  return 'compacted';
});

parentPort.on('message', (m) => {
  const started = performance.now();
  try {
    if (m.type === 'append') {
      append(m.docs);
      // When it committed: the main thread may read this reply only after a long turn of its own.
      parentPort.postMessage({ id: m.id, ok: true, result: Date.now(), ms: performance.now() - started });
    } else if (m.type === 'load') {
      const { state, rows, compact } = load(m.docName, m.compactAbove);
      // The state is copied once into a buffer of its own and moved, not cloned, to the main thread.
      const out = state && new Uint8Array(state);
      parentPort.postMessage(
        { id: m.id, ok: true, result: { state: out, logRows: rows }, ms: performance.now() - started },
        out ? [out.buffer] : [],
      );
      if (compact) {
        try {
          compactLoadedTx.immediate(compact);
        } catch {
          // Left for the next compaction (the log keeps every row until one commits).
        }
      }
    } else {
      const result = compactTx.immediate(m.docName);
      parentPort.postMessage({ id: m.id, ok: true, result, ms: performance.now() - started });
    }
  } catch (err) {
    parentPort.postMessage({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
