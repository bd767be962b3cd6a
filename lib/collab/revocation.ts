// A hook for use cases that take access away (member removed, event made private): they call
// requestCollabAccessRecheck() and the collab server running in this process re-checks its open
// connections at once instead of at its next periodic pass (COLLAB_REVALIDATE_MS), which still
// covers other nodes.

type Recheck = () => void;
const globalForRecheck = globalThis as unknown as { __hallwayCollabRecheck?: Set<Recheck> };
const listeners = (globalForRecheck.__hallwayCollabRecheck ??= new Set<Recheck>());

/** Asks the collab server(s) of this process to re-check every open connection's access now. */
export function requestCollabAccessRecheck(): void {
  for (const l of listeners) l();
}

/** Registers a collab server's re-check; returns the function that unregisters it. */
export function onCollabAccessRecheck(recheck: Recheck): () => void {
  listeners.add(recheck);
  return () => listeners.delete(recheck);
}
