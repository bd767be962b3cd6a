import { db } from '@/lib/db';
import type { Actor } from '@/lib/policies';
import { hashApiToken, looksLikeApiToken } from './api-tokens';
import { claimsFromSessionToken, parseCookies, sessionTokenFromCookies } from './session-cookie';

/** The signed-in user as handlers and pages see it. */
export interface CurrentUser extends Actor {
  name: string;
  email: string | null;
}

/** The user, if they exist and (for a session cookie) have not signed out since it was issued. */
async function loadUser(userId: string, sessionVersion?: number): Promise<CurrentUser | null> {
  const u = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, isGuest: true, guestEventId: true, sessionVersion: true },
  });
  if (!u || (sessionVersion !== undefined && sessionVersion !== u.sessionVersion)) return null;
  return { userId: u.id, name: u.name, email: u.email, isGuest: u.isGuest, guestEventId: u.guestEventId };
}

/** Resolves a personal API token to its user, recording when it was last used. */
export async function userFromApiToken(token: string): Promise<CurrentUser | null> {
  if (!looksLikeApiToken(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, userId: true, lastUsedAt: true },
  });
  if (!row) return null;
  // One write a minute at most: a script polling the API should not turn reads into writes.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return loadUser(row.userId);
}

export async function userFromCookieHeader(cookieHeader: string | null | undefined): Promise<CurrentUser | null> {
  const claims = await claimsFromSessionToken(sessionTokenFromCookies(parseCookies(cookieHeader)));
  return claims ? loadUser(claims.userId, claims.sessionVersion) : null;
}

export class BadCredentials extends Error {}

/**
 * Who sent this request: `Authorization: Bearer <API token>` or the next-auth session cookie.
 * A Bearer header that does not match a token is an error, not anonymity, so scripts learn of it.
 */
export async function actorFromHeaders(headers: Headers): Promise<CurrentUser | null> {
  const auth = headers.get('authorization');
  if (auth) {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    const user = m?.[1] ? await userFromApiToken(m[1].trim()) : null;
    if (!user) throw new BadCredentials('Invalid API token');
    return user;
  }
  return userFromCookieHeader(headers.get('cookie'));
}
