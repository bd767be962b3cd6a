// How many people have each notes document open, as the collab server in this process (or the
// cluster, through Redis) knows it. Pages read it to show "N people editing" outside the editor.

/** People connected to one document: distinct users who may edit, and everyone else. */
export interface DocPresence {
  editing: number;
  viewing: number;
}

type Reader = (docNames: string[]) => Promise<Map<string, DocPresence>>;
const globalForPresence = globalThis as unknown as { __hallwayPresenceReader?: Reader };

export function registerPresenceReader(reader: Reader | null): void {
  globalForPresence.__hallwayPresenceReader = reader ?? undefined;
}

/** Presence per document; documents nobody has open are left out. Empty without a collab server. */
export async function readPresence(docNames: string[]): Promise<Map<string, DocPresence>> {
  const reader = globalForPresence.__hallwayPresenceReader;
  if (!reader || docNames.length === 0) return new Map();
  try {
    return await reader(docNames);
  } catch {
    // Presence is a hint on a page; a Redis hiccup must not break the page.
    return new Map();
  }
}
