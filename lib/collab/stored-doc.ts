import { resolveDatabaseTarget } from '@/lib/database-url';
import type { Db } from '@/lib/db';
import { Y } from '@/lib/editor/server-yjs';
import { mergeStoredLog, mergeStoredUpdates as mergeWith } from './merge-stored-updates.mjs';

// The one reader of a stored document (snapshot + update log), for the collab server loading a
// document and for the web app's versions, export and previews.

/** What is stored for one document: the merge of its snapshot and every log row, and the row count. */
export interface StoredDoc {
  state: Uint8Array | null;
  logRows: number;
}

/**
 * The whole log in one value, each row's bytes after its length (4 bytes, big-endian), in id order,
 * with the row count and the snapshot, read by one statement. One statement sees one state of the
 * database, so a compaction committing meanwhile cannot make us miss or double rows; and one value
 * instead of a row object and a buffer per row is what makes a 100,000-row log cheap to read
 * (Prisma's findMany took ~0.9 s there, this ~50 ms). Log rows are never filtered by the
 * snapshot's lastUpdateId: ids can commit out of order on PostgreSQL, and compaction deletes
 * exactly the rows it merged, so every remaining row is needed.
 */
export const LOG_QUERY = {
  // `||` and group_concat keep a blob's bytes (zeros included) in a UTF-8 database. In hex: Prisma's
  // SQLite adapter cannot type a computed blob column.
  sqlite:
    `SELECT hex(group_concat(unhex(printf('%08x', length("data"))) || "data", '' ORDER BY "id")) AS "log", ` +
    `count(*) AS "rows", (SELECT hex("data") FROM "DocSnapshot" WHERE "docName" = ?) AS "snapshot" ` +
    `FROM "DocUpdate" WHERE "docName" = ?`,
  postgresql:
    `SELECT string_agg(int4send(length("data")) || "data", ''::bytea ORDER BY "id") AS "log", ` +
    `count(*)::int AS "rows", (SELECT "data" FROM "DocSnapshot" WHERE "docName" = $1) AS "snapshot" ` +
    `FROM "DocUpdate" WHERE "docName" = $1`,
};

export async function loadStoredDoc(db: Db, docName: string): Promise<StoredDoc> {
  const provider = resolveDatabaseTarget().provider;
  type Bytes = Uint8Array | string | null;
  const [row] = await db.$queryRawUnsafe<{ log: Bytes; rows: number | bigint; snapshot: Bytes }[]>(
    LOG_QUERY[provider],
    ...(provider === 'sqlite' ? [docName, docName] : [docName]),
  );
  const bytes = (b: Bytes | undefined) => (typeof b === 'string' ? (b ? Buffer.from(b, 'hex') : null) : (b ?? null));
  const state = mergeStoredSnapshotAndLog(bytes(row?.snapshot), bytes(row?.log));
  return { state, logRows: state ? Number(row?.rows ?? 0) : 0 };
}

/** A snapshot and a framed log (as LOG_QUERY reads them) as one update, by the main process's Yjs; null when both are empty. */
export function mergeStoredSnapshotAndLog(snapshot: Uint8Array | null, log: Uint8Array | null): Uint8Array | null {
  return mergeStoredLog(Y, snapshot, log);
}

/** One update holding all of `parts`, by the main process's Yjs (see merge-stored-updates.mjs). */
export function mergeStoredUpdates(parts: Uint8Array[]): Uint8Array {
  return mergeWith(Y, parts);
}
