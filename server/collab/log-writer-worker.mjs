// The collaboration server's update log on SQLite, in a thread of its own (log-writer.ts starts
// it): better-sqlite3 is synchronous, and on the main thread every commit, WAL checkpoint and
// compaction stalled the fan-out of edits to clients. Appends and compactions share this one
// connection, so they never race each other for the write lock.
// Plain JavaScript so Node runs it as it is, under tsx, Vitest or anything else.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

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

/**
 * As mergeStoredUpdates in lib/collab/stored-doc.ts: linear, where Y.mergeUpdates over many rows is
 * quadratic. A copy on purpose: this thread loads Yjs as ES modules, while the main process must
 * keep its one CommonJS instance (lib/editor/server-yjs.ts), so the two cannot share a module.
 */
function mergeStored(parts) {
  if (parts.length === 1) return parts[0];
  if (parts.length <= 16) return Y.mergeUpdates(parts);
  const doc = new Y.Doc({ gc: false, guid: 'stored' });
  doc.transact(() => {
    for (const p of parts) Y.applyUpdate(doc, p);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

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

parentPort.on('message', (m) => {
  const started = performance.now();
  try {
    if (m.type === 'append') {
      append(m.docs);
      parentPort.postMessage({ id: m.id, ok: true, ms: performance.now() - started });
    } else {
      const result = compactTx.immediate(m.docName);
      parentPort.postMessage({ id: m.id, ok: true, result, ms: performance.now() - started });
    }
  } catch (err) {
    parentPort.postMessage({ id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
