import { Y } from '@/lib/editor/server-yjs';
import { db } from '@/lib/db';

/**
 * The persisted state of a document (snapshot + update log, as the collab server writes them)
 * as one encoded update. Reads the log before the snapshot: a compaction in between moves rows
 * into the snapshot, so nothing is missed (and merging the same update twice is harmless).
 * Updates the collab server accepted in the last few milliseconds may not be included yet.
 */
export async function loadNotesState(docName: string): Promise<Uint8Array> {
  const rows = await db.docUpdate.findMany({ where: { docName }, orderBy: { id: 'asc' }, select: { data: true } });
  const snapshot = await db.docSnapshot.findUnique({ where: { docName }, select: { data: true } });
  const parts = [...(snapshot ? [snapshot.data] : []), ...rows.map((r) => r.data)].map((d) => new Uint8Array(d));
  return parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(parts);
}
