import { loadStoredDoc } from '@/lib/collab/stored-doc';
import { db } from '@/lib/db';
import { Y } from '@/lib/editor/server-yjs';

/**
 * The persisted state of a document (snapshot + update log, as the collab server writes them)
 * as one encoded update. Updates the collab server accepted in the last few milliseconds may not
 * be included yet.
 */
export async function loadNotesState(docName: string): Promise<Uint8Array> {
  return (await loadStoredDoc(db, docName)).state ?? Y.encodeStateAsUpdate(new Y.Doc());
}
