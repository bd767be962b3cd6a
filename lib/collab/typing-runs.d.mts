/** The same history as `updates` (v1, in order) in fewer updates: runs of typed characters joined. */
export function joinTypingRuns(updates: Uint8Array[]): Uint8Array[];

/** As joinTypingRuns for a snapshot (or null) and log rows framed by their 4-byte big-endian lengths. */
export function joinStoredLog(snapshot: Uint8Array | null, log: Uint8Array | null): Uint8Array[];
