import * as Y from 'yjs';

// What this browser knows the server has: a Yjs snapshot (state vector and deletions) taken when
// every local change was acknowledged. A copy restored from IndexedDB that adds nothing beyond it
// holds no unsaved edits, so an offline reload does not claim "edits kept on this device".

/** Key of the snapshot in y-indexeddb's custom store, beside the copy it describes. */
export const SAVED_SNAPSHOT_KEY = 'saved-snapshot';

export function encodeSavedState(doc: Y.Doc): ArrayBuffer {
  return Y.encodeSnapshot(Y.snapshot(doc)).slice().buffer;
}

export function decodeSavedState(value: unknown): Y.Snapshot | null {
  if (!(value instanceof ArrayBuffer)) return null;
  try {
    return Y.decodeSnapshot(new Uint8Array(value));
  } catch {
    return null;
  }
}

function rangeDeleted(items: { clock: number; len: number }[] | undefined, clock: number, len: number): boolean {
  let reached = clock;
  // Sorted and merged (Y.snapshot builds it so): one pass finds whether [clock, clock+len) is covered.
  for (const it of items ?? []) {
    if (it.clock > reached) break;
    reached = Math.max(reached, it.clock + it.len);
    if (reached >= clock + len) return true;
  }
  return false;
}

/** True when everything an update inserts or deletes is already in the saved snapshot. */
export function updateCoveredBy(update: Uint8Array, saved: Y.Snapshot): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const s of structs) if (s.id.clock + s.length > (saved.sv.get(s.id.client) ?? 0)) return false;
  for (const [client, items] of ds.clients) {
    const known = saved.ds.clients.get(client);
    for (const it of items) if (!rangeDeleted(known, it.clock, it.len)) return false;
  }
  return true;
}
