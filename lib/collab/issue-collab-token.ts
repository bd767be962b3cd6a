import { signCollabToken } from '@/lib/auth/collab-token';
import { env, publicBaseUrl } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { docNameForSession } from '@/lib/notes/doc-name';
import type { Actor } from '@/lib/policies';
import { loadSessionAccess } from '@/lib/sessions/session-access';
import { takeAnonymousCollabToken } from './anonymous-token-limit';
import type { CollabTokenGrant } from './collab-grant';
import { COLLAB_PATH } from './protocol';

export type { CollabTokenGrant } from './collab-grant';

/**
 * Where browsers reach the collab endpoint: COLLAB_PUBLIC_URL when collab runs on its own host,
 * else the app's public URL, else the host the request came in on.
 */
export function collabBaseUrl(requestUrl?: string, headers?: Headers): string {
  const e = env();
  if (e.COLLAB_PUBLIC_URL) return e.COLLAB_PUBLIC_URL.replace(/\/$/, '');
  let base = e.PUBLIC_URL;
  if (!base && headers?.get('host')) {
    const proto =
      headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ??
      (requestUrl ? new URL(requestUrl).protocol.replace(':', '') : 'http');
    base = `${proto}://${headers.get('host')}`;
  }
  base ??= publicBaseUrl();
  const u = new URL(base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = COLLAB_PATH;
  u.search = '';
  return u.toString().replace(/\/$/, '');
}

/**
 * Mints a token for a session's notes: read-write for those who may edit, read-only for those
 * who may only read (anonymous visitors of public or unlisted events); not_found otherwise.
 * Anonymous tokens are limited per client address.
 */
export async function issueCollabToken(opts: {
  actor: Actor | null;
  sessionId: string;
  baseUrl: string;
  clientAddress: string;
}): Promise<CollabTokenGrant> {
  const access = await loadSessionAccess(opts.actor, opts.sessionId);
  if (!access.canReadNotes) throw new AppError('not_found', 'Session not found');
  if (!opts.actor) await takeAnonymousCollabToken(opts.clientAddress);
  return signCollabGrant({
    userId: opts.actor?.userId ?? null,
    sessionId: opts.sessionId,
    readOnly: !access.canEditNotes,
    baseUrl: opts.baseUrl,
  });
}

/**
 * Signs a grant for someone whose access to the session's notes the caller has just checked
 * (issueCollabToken above; the notes page, which hands it to the browser with the page so the
 * editor connects without asking first).
 */
export function signCollabGrant(opts: {
  userId: string | null;
  sessionId: string;
  readOnly: boolean;
  baseUrl: string;
}): CollabTokenGrant {
  const docName = docNameForSession(opts.sessionId);
  const { token, expiresAt } = signCollabToken({
    userId: opts.userId,
    docName,
    readOnly: opts.readOnly,
    ttlSeconds: env().COLLAB_TOKEN_TTL_S,
  });
  return { token, url: opts.baseUrl, docName, readOnly: opts.readOnly, expiresAt: expiresAt.toISOString() };
}
