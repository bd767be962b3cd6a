import type * as YType from 'yjs';

/** One update holding all of `parts` (v1 updates), merged by the given Yjs instance. */
export function mergeStoredUpdates(Y: typeof YType, parts: Uint8Array[]): Uint8Array;

/** A stored document's snapshot and framed log rows (see stored-doc.ts) merged; null when both are empty. */
export function mergeStoredLog(Y: typeof YType, snapshot: Uint8Array | null, log: Uint8Array | null): Uint8Array | null;
