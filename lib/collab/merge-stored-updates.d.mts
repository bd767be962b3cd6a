import type * as YType from 'yjs';

/** One update holding all of `parts` (v1 updates), merged by the given Yjs instance. */
export function mergeStoredUpdates(Y: typeof YType, parts: Uint8Array[]): Uint8Array;
