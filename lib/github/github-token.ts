import crypto from 'node:crypto';
import { authSecret } from '@/lib/auth/auth-secret';
import { db } from '@/lib/db';
import { logger } from '@/lib/logger';

// GitHub access tokens are stored encrypted (AES-256-GCM) with a key derived from AUTH_SECRET, so
// a copy of the database alone does not hand out people's GitHub accounts. Rows written before
// this was in place hold the token in clear text: they are encrypted at start-up and on read.

const VERSION = 'v1:';

function key(): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', authSecret(), 'hallway', 'github access token v1', 32));
}

/** The token as stored: `v1:` + base64url(iv | tag | ciphertext). */
export function encryptToken(token: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The token from its stored form; a clear-text legacy value is returned as is. Null when it cannot be read. */
export function decryptToken(stored: string): { token: string; legacy: boolean } | null {
  if (!stored.startsWith(VERSION)) return { token: stored, legacy: true };
  try {
    const raw = Buffer.from(stored.slice(VERSION.length), 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return {
      token: Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
      legacy: false,
    };
  } catch {
    // AUTH_SECRET changed (or the row was tampered with): the person has to connect GitHub again.
    return null;
  }
}

export interface GithubGrant {
  token: string;
  scopes: string[];
  providerAccountId: string;
}

export function parseScopes(scope: string | null | undefined): string[] {
  return (scope ?? '').split(/[\s,]+/).filter(Boolean);
}

/** The one way to read a user's GitHub token (decrypted), with the scopes it was granted. */
export async function readGithubToken(userId: string): Promise<GithubGrant | null> {
  const accounts = await db.account.findMany({
    where: { userId, provider: 'github', access_token: { not: null } },
    select: { id: true, access_token: true, scope: true, providerAccountId: true },
  });
  const account = accounts.find((a) => parseScopes(a.scope).includes('gist')) ?? accounts[0];
  if (!account?.access_token) return null;
  const read = decryptToken(account.access_token);
  if (!read) return null;
  if (read.legacy)
    await db.account.update({ where: { id: account.id }, data: { access_token: encryptToken(read.token) } });
  return { token: read.token, scopes: parseScopes(account.scope), providerAccountId: account.providerAccountId };
}

/** Encrypts every GitHub token still stored in clear text (run at start-up). */
export async function encryptStoredGithubTokens(): Promise<number> {
  const rows = await db.account.findMany({
    where: { provider: 'github', access_token: { not: null } },
    select: { id: true, access_token: true },
  });
  let n = 0;
  for (const r of rows) {
    if (!r.access_token || r.access_token.startsWith(VERSION)) continue;
    // Only a row still holding the same clear text is replaced: a concurrent sign-in wins.
    const done = await db.account.updateMany({
      where: { id: r.id, access_token: r.access_token },
      data: { access_token: encryptToken(r.access_token) },
    });
    n += done.count;
  }
  if (n) logger.info({ count: n }, 'encrypted GitHub tokens stored in clear text');
  return n;
}

/** Whether the user has a GitHub token allowed to write gists (pages decide what to offer). */
export async function hasGistAccess(userId: string): Promise<boolean> {
  const accounts = await db.account.findMany({
    where: { userId, provider: 'github', access_token: { not: null } },
    select: { scope: true },
  });
  return accounts.some((a) => parseScopes(a.scope).includes('gist'));
}
