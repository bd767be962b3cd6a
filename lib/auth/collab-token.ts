import 'server-only';
import crypto from 'node:crypto';
import { z } from 'zod';
import { authSecret } from './auth-secret';

// A collab token opens one WebSocket connection to one document. It is an HMAC-signed JSON
// payload rather than a JWT: one algorithm, no header to negotiate, nothing else to install.

const PREFIX = 'hc1';

const payloadSchema = z.object({
  /** User id, or null for an anonymous reader of a public or unlisted event. */
  sub: z.string().min(1).max(100).nullable(),
  /** Stable id for rate limiting and per-user limits: the user id or `anon:<random>`. */
  sid: z.string().min(1).max(120),
  doc: z.string().min(1).max(200),
  ro: z.boolean(),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
});

export type CollabTokenPayload = z.infer<typeof payloadSchema>;

let derived: { secret: string; key: Buffer } | null = null;

function key(): Buffer {
  // A key of its own, so a collab token can never be replayed as anything else signed with AUTH_SECRET.
  // Derived once per secret: every upgrade verifies a token, and this was half of the hashing.
  const secret = authSecret();
  if (derived?.secret !== secret)
    derived = { secret, key: crypto.createHmac('sha256', secret).update('hallway collab token v1').digest() };
  return derived.key;
}

function sign(body: string): string {
  return crypto.createHmac('sha256', key()).update(body).digest('base64url');
}

/** Signs a token naming the user, the document and whether the connection is read-only. */
export function signCollabToken(opts: {
  userId: string | null;
  docName: string;
  readOnly: boolean;
  ttlSeconds: number;
  now?: number;
}): { token: string; expiresAt: Date } {
  const now = opts.now ?? Date.now();
  const exp = Math.floor(now / 1000) + opts.ttlSeconds;
  const payload: CollabTokenPayload = {
    sub: opts.userId,
    sid: opts.userId ?? `anon:${crypto.randomBytes(9).toString('base64url')}`,
    doc: opts.docName,
    ro: opts.readOnly,
    exp,
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { token: `${PREFIX}.${body}.${sign(body)}`, expiresAt: new Date(exp * 1000) };
}

export type CollabTokenResult =
  { ok: true; payload: CollabTokenPayload } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Checks signature, shape and expiry; never throws. */
export function verifyCollabToken(token: string, now = Date.now()): CollabTokenResult {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1] || !parts[2]) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(parts[1]));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given))
    return { ok: false, reason: 'signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  if (parsed.data.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, payload: parsed.data };
}

export function looksLikeCollabToken(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}
