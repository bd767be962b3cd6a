import { hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

// Passwords are hashed with argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane) by a native
// library that runs on libuv's thread pool, so hashing never blocks the event loop that also
// serves pages and the collab WebSocket. Hashes made before (bcrypt, pure JS) still verify and
// are replaced by argon2id on the next successful sign-in; see ADR 0006.

export const MIN_PASSWORD_LENGTH = 10;
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

function isBcryptHash(stored: string): boolean {
  return /^\$2[aby]\$\d{2}\$/.test(stored);
}

/** Whether the password matches the stored hash (argon2id, or bcrypt from before). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isBcryptHash(stored)) return bcrypt.compare(password, stored);
  try {
    return await verify(stored, password);
  } catch {
    return false; // a hash we cannot parse matches nothing
  }
}

/** Whether a stored hash should be replaced by a fresh argon2id hash after a successful sign-in. */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith('$argon2id$')) return true;
  const m = /\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  return !m || Number(m[1]) < ARGON2_OPTIONS.memoryCost || Number(m[2]) < ARGON2_OPTIONS.timeCost;
}

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('hallway dummy password for unknown emails');
  await verify(await dummyHash, password).catch(() => false);
}
