// The collab server appends the edits it accepted to the update log within a few milliseconds
// (COLLAB_PERSIST_INTERVAL_MS). Readers of the stored notes that must not miss an edit accepted
// before their request (the export) first ask the collab server in this process to write what it
// holds. A web-only node (COLLAB_ENABLED=0) has none to ask: there the stored notes may trail the
// collab nodes by that interval.

type Flush = () => Promise<void>;
const globalForFlush = globalThis as unknown as { __hallwayFlushAcceptedEdits?: Flush };

export function registerAcceptedEditsFlush(flush: Flush | null): void {
  globalForFlush.__hallwayFlushAcceptedEdits = flush ?? undefined;
}

/** Resolves once every edit the collab server in this process accepted is in the database. */
export async function flushAcceptedEdits(): Promise<void> {
  await globalForFlush.__hallwayFlushAcceptedEdits?.();
}
