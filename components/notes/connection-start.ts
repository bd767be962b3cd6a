import type { CollabTokenGrant } from '@/lib/collab/collab-grant';

// What the server writes onto the notes editor's placeholder so the browser can open the notes'
// connection before the editor mounts (early-connection.ts). Kept apart from that module, which
// loads the collab client: the server render needs only these two facts.

/** What the server tells the browser about the notes to open, on the editor's placeholder. */
export interface ConnectionStart {
  sessionId: string;
  docName: string;
  viewerId: string | null;
  canEdit: boolean;
  /** The collab token the page came with (signed-in viewers). */
  grant: CollabTokenGrant | null;
}

/** The placeholder's attribute holding the ConnectionStart as JSON. */
export const CONNECTION_START_ATTRIBUTE = 'data-notes-connection';
