// The one merge of a stored document's snapshot and log rows, for the collab server's log writer
// thread (log-writer-worker.mjs, an ES module Yjs) and the main process (lib/collab/stored-doc.ts,
// the one CommonJS Yjs of lib/editor/server-yjs.ts). Yjs is passed in: the two must not share an
// import of it.
import { joinStoredLog, joinTypingRuns } from './typing-runs.mjs';

/**
 * One update holding all of `parts` (v1 updates). Runs of typed characters are joined first
 * (typing-runs.mjs): a 100,000-keystroke log becomes a handful of updates.
 */
export function mergeStoredUpdates(Y, parts) {
  if (parts.length === 1) return parts[0];
  return mergeJoined(Y, parts.length <= 16 ? parts : joinTypingRuns(parts));
}

/**
 * A stored document's state: its snapshot (or null) and its log rows, each after its length
 * (4 bytes, big-endian) in one buffer (or null), merged into one update; null when there is nothing.
 */
export function mergeStoredLog(Y, snapshot, log) {
  const joined = joinStoredLog(snapshot, log);
  return joined.length === 0 ? null : mergeJoined(Y, joined);
}

/**
 * Y.mergeUpdates grows quadratically with the number of small updates (30,000 one-character rows:
 * 21 s); applying them to a document in one transaction and encoding it once stays linear, so a log
 * that grew while compaction could not run (or that is not typing) never makes a document unloadable.
 */
function mergeJoined(Y, updates) {
  if (updates.length === 1) return updates[0];
  if (updates.length <= 16) return Y.mergeUpdates(updates);
  const doc = new Y.Doc({ gc: false, guid: 'stored' });
  doc.transact(() => {
    for (const u of updates) Y.applyUpdate(doc, u);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
