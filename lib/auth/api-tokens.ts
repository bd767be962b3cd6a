import 'server-only';
import crypto from 'node:crypto';

const PREFIX = 'hw_';

export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = PREFIX + crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token), prefix: token.slice(0, PREFIX.length + 6) };
}

export function hashApiToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length > PREFIX.length + 20 && value.length < 200;
}
