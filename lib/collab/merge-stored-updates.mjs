// The one merge of a stored document's snapshot and log rows, for the collab server's log writer
// thread (log-writer-worker.mjs, an ES module Yjs) and the main process (lib/collab/stored-doc.ts,
// the one CommonJS Yjs of lib/editor/server-yjs.ts). Yjs is passed in: the two must not share an
// import of it.
import { joinTypingRuns } from './typing-runs.mjs';

/**
 * One update holding all of `parts` (v1 updates). Runs of typed characters are joined first
 * (typing-runs.mjs): a 100,000-keystroke log becomes a handful of updates. Y.mergeUpdates grows
 * quadratically with the number of small updates (30,000 one-character rows: 21 s); applying them
 * to a document in one transaction and encoding it once stays linear, so a log that grew while
 * compaction could not run never makes a document unloadable.
 */
export function mergeStoredUpdates(Y, parts) {
  if (parts.length === 1) return parts[0];
  const joined = parts.length <= 16 ? parts : joinTypingRuns(parts);
  if (joined.length === 1) return joined[0];
  if (joined.length <= 16) return Y.mergeUpdates(joined);
  const doc = new Y.Doc({ gc: false, guid: 'stored' });
  doc.transact(() => {
    for (const p of joined) Y.applyUpdate(doc, p);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
