import type http from 'node:http';
import { z } from 'zod';
import { looksLikeApiToken } from '@/lib/auth/api-tokens';
import { looksLikeCollabToken, verifyCollabToken } from '@/lib/auth/collab-token';
import { userFromApiToken, userFromCookieHeader } from '@/lib/auth/current-actor';
import { collabAccessOf } from '@/lib/collab/collab-access';
import { COLLAB_PATH } from '@/lib/collab/protocol';
import { sessionIdFromDocName } from '@/lib/notes/doc-name';
import type { AccessDecision } from './access-cache';
import type { CollabIdentity } from './context';

export type UpgradeAuth =
  | {
      ok: true;
      docName: string;
      identity: CollabIdentity;
      readOnly: boolean;
      via: 'collab-token' | 'api-token' | 'cookie';
      /** The access epoch the decision was read at (access-rechecker.ts skips re-asking while it stands). */
      accessEpoch: number | null;
    }
  | { ok: false; status: 400 | 401 | 403; message: string };

const querySchema = z.object({ token: z.string().min(1).max(4096).optional() });
const docNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((n) => sessionIdFromDocName(n) !== null, 'not a notes document');

/** The document a request's path names: /collab/<docName>, as y-websocket's provider builds it. */
export function docNameFromPath(pathname: string): string | null {
  if (!pathname.startsWith(COLLAB_PATH + '/')) return null;
  try {
    const parsed = docNameSchema.safeParse(decodeURIComponent(pathname.slice(COLLAB_PATH.length + 1)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function sameOrigin(req: http.IncomingMessage, allowedOrigins: string[]): boolean {
  const origin = req.headers.origin;
  // Non-browser clients send no Origin; browsers always do on WebSocket upgrades.
  if (!origin) return true;
  const host = req.headers.host;
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return allowedOrigins.includes(origin);
}

/** How an upgrade learns what its user may do: the database (the default) or an AccessCache in front of it. */
export type DecideAccess = (
  userId: string | null,
  docName: string,
  wanted: 'read' | 'write',
) => Promise<AccessDecision>;
const fromDatabase: DecideAccess = (userId, docName) => collabAccessOf(userId, docName);

/**
 * Decides whether an upgrade may proceed, before anything of the document is sent: a collab
 * token (`?token=hc1...`), a personal API token (`?token=hw_...`) or the session cookie (same
 * origin only). Access is re-checked against the database even for a valid token (or reused from a
 * grant of the last moments that no revocation has invalidated), so a token minted before a
 * revocation cannot reopen the door.
 */
export async function authenticateUpgrade(
  req: http.IncomingMessage,
  allowedOrigins: string[],
  decide: DecideAccess = fromDatabase,
): Promise<UpgradeAuth> {
  const url = new URL(req.url ?? '/', 'http://collab.invalid');
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return { ok: false, status: 400, message: 'bad query parameters' };
  const docName = docNameFromPath(url.pathname);
  const token = query.data.token;

  let identity: CollabIdentity;
  let tokenReadOnly = false;
  let via: 'collab-token' | 'api-token' | 'cookie';
  if (token && looksLikeApiToken(token)) {
    const user = await userFromApiToken(token);
    if (!user) return { ok: false, status: 401, message: 'invalid API token' };
    identity = { userId: user.userId, subject: user.userId, name: null };
    via = 'api-token';
  } else if (token) {
    if (!looksLikeCollabToken(token)) return { ok: false, status: 401, message: 'invalid token' };
    const verified = verifyCollabToken(token);
    if (!verified.ok)
      return { ok: false, status: 401, message: verified.reason === 'expired' ? 'token expired' : 'invalid token' };
    if (!docName || verified.payload.doc !== docName)
      return { ok: false, status: 403, message: 'token is for another document' };
    identity = { userId: verified.payload.sub, subject: verified.payload.sid, name: null };
    tokenReadOnly = verified.payload.ro;
    via = 'collab-token';
  } else {
    const user = await userFromCookieHeader(req.headers.cookie);
    if (!user) return { ok: false, status: 401, message: 'sign in or pass a token' };
    // A cookie rides along on cross-site requests too: only our own pages may use it here.
    if (!sameOrigin(req, allowedOrigins)) return { ok: false, status: 403, message: 'origin not allowed' };
    identity = { userId: user.userId, subject: user.userId, name: null };
    via = 'cookie';
  }

  if (!docName) return { ok: false, status: 403, message: 'no such document' };
  const { access, name, epoch } = await decide(identity.userId, docName, tokenReadOnly ? 'read' : 'write');
  if (access === 'none') return { ok: false, status: 403, message: 'no access to this document' };
  return {
    ok: true,
    docName,
    identity: { ...identity, name },
    readOnly: tokenReadOnly || access === 'read',
    via,
    accessEpoch: epoch,
  };
}
