import { githubEnabled } from '@/lib/env';
import type { Actor } from '@/lib/policies';
import { hasGistAccess } from './github-token';
import { findGistPublication, type GistPublicationDto } from './publish-notes-gist';

export interface GistPageState {
  /** GitHub is configured on this server and the viewer is a signed-in, non-guest user. */
  available: boolean;
  /** The viewer's GitHub token may write gists; otherwise the page offers GitHub's consent. */
  connected: boolean;
  existing: GistPublicationDto | null;
}

/** What a page needs to show "Publish as gist" for an event (scope "event") or a session (its id). */
export async function gistPageState(actor: Actor | null, eventId: string, scope: string): Promise<GistPageState> {
  if (!actor || actor.isGuest || !githubEnabled()) return { available: false, connected: false, existing: null };
  const [connected, existing] = await Promise.all([
    hasGistAccess(actor.userId),
    findGistPublication({ actor, eventId, scope }),
  ]);
  return { available: true, connected, existing };
}
