// What this browser keeps of the notes for offline use, and how it is wiped. Everything kept is
// named after the signed-in person ("anon" for a reader without an account), so one person's
// copy is never opened for another, and everything goes on sign-out (a shared laptop at a venue).

const PREFIX = 'hallway:';
/** Kept across sign-outs: only the browser tests' switch, not anybody's content. */
const KEPT_KEYS = new Set(['hallway:debug']);

/** The owner part of every name below. */
export function deviceOwner(userId: string | null): string {
  return userId ? `u-${userId}` : 'anon';
}

/** IndexedDB database holding this person's copy of one notes document. */
export function localCopyName(userId: string | null, docName: string): string {
  return `${PREFIX}${deviceOwner(userId)}:${docName}`;
}

/** localStorage key of this person's folded outline items in one document. */
export function foldKey(userId: string | null, docName: string): string {
  return `${PREFIX}fold:${deviceOwner(userId)}:${docName}`;
}

/** localStorage key of this person's choice to keep a private session's page offline. */
export function keepOfflineKey(userId: string | null, sessionId: string): string {
  return `${PREFIX}keep-offline:${deviceOwner(userId)}:${sessionId}`;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    // Open copies close themselves on "versionchange" (lib0's openDB), so "blocked" is passing.
    req.onsuccess = req.onerror = () => resolve();
  });
}

/**
 * Deletes every notes copy, fold state, offline choice and cached page this browser keeps.
 * Resolves when done (or after a few seconds: signing out must never hang on storage).
 */
export async function clearDeviceCopies(): Promise<void> {
  const work = (async () => {
    try {
      for (const key of Object.keys(localStorage))
        if (key.startsWith(PREFIX) && !KEPT_KEYS.has(key)) localStorage.removeItem(key);
    } catch {
      // storage disabled: nothing kept there
    }
    if (typeof caches !== 'undefined') {
      for (const key of await caches.keys()) if (key.startsWith('hallway-')) await caches.delete(key);
    }
    if (typeof indexedDB !== 'undefined' && 'databases' in indexedDB) {
      const dbs = await indexedDB.databases();
      await Promise.all(dbs.filter((d) => d.name?.startsWith(PREFIX)).map((d) => deleteDatabase(d.name!)));
    }
  })().catch(() => undefined);
  await Promise.race([work, new Promise((resolve) => setTimeout(resolve, 5000))]);
}
