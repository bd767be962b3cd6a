import type { JSONContent } from '@tiptap/core';
import { db } from '@/lib/db';
import { yStateToJSON } from '@/lib/editor/convert';
import { loadNotesStates } from '@/lib/notes/load-notes-states';

// Exports read many documents that rarely change between two exports (a preview, then the
// download, then the gist). Each document's converted notes are kept in memory with the version
// of the stored state they came from (snapshot and last log row), so an unchanged document is
// neither loaded nor converted again. A version read before the data can only make an entry look
// older than it is, which costs a recomputation, never a stale export.

const MAX_ENTRIES = 2000;
const cache = new Map<string, { version: string; notes: JSONContent }>();

/** Versions of the stored states: changes whenever a row is appended or the log is compacted. */
async function storedVersions(docNames: string[]): Promise<Map<string, string>> {
  const [logs, snapshots] = await Promise.all([
    db.docUpdate.groupBy({ by: ['docName'], where: { docName: { in: docNames } }, _max: { id: true } }),
    db.docSnapshot.findMany({
      where: { docName: { in: docNames } },
      select: { docName: true, lastUpdateId: true, updatedAt: true },
    }),
  ]);
  const last = new Map(logs.map((l) => [l.docName, l._max.id ?? 0]));
  const snap = new Map(snapshots.map((s) => [s.docName, `${s.lastUpdateId}@${s.updatedAt.getTime()}`]));
  return new Map(docNames.map((n) => [n, `${snap.get(n) ?? '-'}/${last.get(n) ?? 0}`]));
}

/** The notes of each document as ProseMirror JSON (treat as read-only: entries are shared). */
export async function loadNotesJSON(docNames: string[]): Promise<Map<string, JSONContent>> {
  const out = new Map<string, JSONContent>();
  if (docNames.length === 0) return out;
  const versions = await storedVersions(docNames);
  const stale = docNames.filter((n) => cache.get(n)?.version !== versions.get(n));
  const states = await loadNotesStates(stale);
  for (const name of stale) {
    cache.delete(name);
    cache.set(name, { version: versions.get(name)!, notes: yStateToJSON(states.get(name)!) });
  }
  for (const name of docNames) {
    const entry = cache.get(name)!;
    // Most recently used last, so the oldest entries are the first to go.
    cache.delete(name);
    cache.set(name, entry);
    out.set(name, entry.notes);
  }
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return out;
}

/** Empties the cache (the benchmark measures cold exports with it). */
export function clearNotesCache(): void {
  cache.clear();
}
