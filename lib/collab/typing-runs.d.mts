/** The same history as `updates` (v1, in order) in fewer updates: runs of typed characters joined. */
export function joinTypingRuns(updates: Uint8Array[]): Uint8Array[];
