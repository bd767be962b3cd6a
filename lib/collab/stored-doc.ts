import type { Db } from '@/lib/db';
import { Y } from '@/lib/editor/server-yjs';

// The one reader of a stored document (snapshot + update log), for the collab server loading a
// document and for the web app's versions, export and previews.

/** What is stored for one document: the merge of its snapshot and every log row, and the row count. */
export interface StoredDoc {
  state: Uint8Array | null;
  logRows: number;
}

/**
 * Loads snapshot + log. Rows are read before the snapshot: a compaction that commits between
 * the two reads moves rows we already hold into a snapshot we then also read (duplicates merge
 * away), whereas the other order could miss them. Log rows are never filtered by the snapshot's
 * lastUpdateId: ids can commit out of order on PostgreSQL, and compaction deletes exactly the rows
 * it merged, so every remaining row is needed.
 */
export async function loadStoredDoc(db: Db, docName: string): Promise<StoredDoc> {
  const rows = await db.docUpdate.findMany({ where: { docName }, orderBy: { id: 'asc' }, select: { data: true } });
  const snapshot = await db.docSnapshot.findUnique({ where: { docName }, select: { data: true } });
  const parts: Uint8Array[] = [];
  if (snapshot) parts.push(new Uint8Array(snapshot.data));
  for (const r of rows) parts.push(new Uint8Array(r.data));
  if (parts.length === 0) return { state: null, logRows: 0 };
  return { state: mergeStoredUpdates(parts), logRows: rows.length };
}

/**
 * One update holding all of `parts`. Y.mergeUpdates grows quadratically with the number of small
 * updates (30,000 one-character rows: 21 s); applying them to a document in one transaction and
 * encoding it once stays linear (under 0.3 s), so a log that grew while compaction could not run
 * never makes a document unloadable.
 */
export function mergeStoredUpdates(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  if (parts.length <= 16) return Y.mergeUpdates(parts);
  const doc = new Y.Doc({ gc: false, guid: 'stored' });
  doc.transact(() => {
    for (const p of parts) Y.applyUpdate(doc, p);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
