import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * AUTH_SECRET from the environment, or one generated once into DATA_DIR and reused, so a fresh
 * `npm start` works; returns whether it was generated so start-up can log it.
 */
export function resolveAuthSecret(env: Record<string, string | undefined> = process.env): {
  secret: string;
  source: 'env' | 'file' | 'generated';
} {
  if (env.AUTH_SECRET) return { secret: env.AUTH_SECRET, source: 'env' };
  const dir = path.resolve(env.DATA_DIR || './data');
  const file = path.join(dir, 'auth-secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return { secret: existing, source: 'file' };
  } catch {
    // not there yet
  }
  fs.mkdirSync(dir, { recursive: true });
  const secret = crypto.randomBytes(48).toString('base64url');
  try {
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch {
    // Another process won the race: use its secret so both sign alike.
    return { secret: fs.readFileSync(file, 'utf8').trim(), source: 'file' };
  }
  return { secret, source: 'generated' };
}

/** The secret this process signs with; process.env.AUTH_SECRET is filled at start-up. */
export function authSecret(): string {
  const s = process.env.AUTH_SECRET;
  if (s) return s;
  const { secret } = resolveAuthSecret();
  process.env.AUTH_SECRET = secret;
  return secret;
}
