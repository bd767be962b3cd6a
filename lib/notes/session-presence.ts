import { docNameForSession } from './doc-name';
import { readPresence, type DocPresence } from './presence-registry';

/** Presence per session id, for pages that list sessions (event home, board). */
export async function presenceForSessions(sessionIds: string[]): Promise<Map<string, DocPresence>> {
  const byDoc = await readPresence(sessionIds.map(docNameForSession));
  const out = new Map<string, DocPresence>();
  for (const id of sessionIds) {
    const p = byDoc.get(docNameForSession(id));
    if (p) out.set(id, p);
  }
  return out;
}
