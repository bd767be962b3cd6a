import { db } from '@/lib/db';
import { Y } from '@/lib/editor/server-yjs';

/**
 * The persisted state of many documents at once (two queries, whatever their number), as
 * loadNotesState reads one: the log before the snapshots, so a compaction in between hides nothing.
 */
export async function loadNotesStates(docNames: string[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  if (docNames.length === 0) return out;
  const rows = await db.docUpdate.findMany({
    where: { docName: { in: docNames } },
    orderBy: { id: 'asc' },
    select: { docName: true, data: true },
  });
  const snapshots = await db.docSnapshot.findMany({
    where: { docName: { in: docNames } },
    select: { docName: true, data: true },
  });
  const parts = new Map<string, Uint8Array[]>();
  const add = (name: string, data: Uint8Array) => {
    const list = parts.get(name) ?? [];
    list.push(new Uint8Array(data));
    parts.set(name, list);
  };
  for (const s of snapshots) add(s.docName, s.data);
  for (const r of rows) add(r.docName, r.data);
  for (const name of docNames) {
    const p = parts.get(name);
    out.set(name, !p ? Y.encodeStateAsUpdate(new Y.Doc()) : p.length === 1 ? p[0]! : Y.mergeUpdates(p));
  }
  return out;
}
