import { decode, encode, type JWT } from 'next-auth/jwt';
import { publicBaseUrl } from '@/lib/env';
import { authSecret } from './auth-secret';

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** next-auth's cookie name: secure-prefixed when the app is served over https. */
export function sessionCookieName(): string {
  return publicBaseUrl().startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/** Parses a Cookie header into name → value. */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    const raw = part.slice(i + 1).trim();
    try {
      out.set(name, decodeURIComponent(raw));
    } catch {
      out.set(name, raw);
    }
  }
  return out;
}

/** The session JWT from cookies, joining next-auth's chunked cookies (name.0, name.1…). */
export function sessionTokenFromCookies(cookies: Map<string, string>): string | null {
  const name = sessionCookieName();
  const whole = cookies.get(name);
  if (whole) return whole;
  const chunks = [...cookies.entries()]
    .filter(([k]) => k.startsWith(`${name}.`))
    .sort(([a], [b]) => Number(a.slice(name.length + 1)) - Number(b.slice(name.length + 1)))
    .map(([, v]) => v);
  return chunks.length ? chunks.join('') : null;
}

/** What a valid session cookie says: whose it is and the session version it was issued under. */
export interface SessionClaims {
  userId: string;
  /** The user's sessionVersion at sign-in; 0 for cookies from before versions existed. */
  sessionVersion: number;
}

/** The claims of a session cookie, or null when it is missing, forged or expired. */
export async function claimsFromSessionToken(token: string | null): Promise<SessionClaims | null> {
  if (!token) return null;
  try {
    const jwt = await decode({ token, secret: authSecret() });
    if (typeof jwt?.sub !== 'string') return null;
    return { userId: jwt.sub, sessionVersion: typeof jwt.sv === 'number' ? jwt.sv : 0 };
  } catch {
    return null;
  }
}

/** Mints a session cookie value as next-auth would (tests and guest join use it). */
export function encodeSessionToken(token: JWT): Promise<string> {
  return encode({ token, secret: authSecret(), maxAge: SESSION_MAX_AGE_S });
}
