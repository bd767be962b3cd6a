import 'server-only';
import os from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

// Passwords are hashed with argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane) by a native
// library that runs on libuv's thread pool, so hashing never blocks the event loop that also
// serves pages and the collab WebSocket. Hashes made before (bcrypt, pure JS) still verify and
// are replaced by argon2id on the next successful sign-in; see ADR 0006.

export const MIN_PASSWORD_LENGTH = 10;
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

// Off the event loop is not enough on a small machine: four pool threads hashing at once take
// every core from the thread that serves requests. At most half the cores hash at a time; the
// rest of a burst waits its turn (a hash takes tens of milliseconds).
const MAX_CONCURRENT_HASHES = Math.max(1, Math.floor(os.availableParallelism() / 2));
let running = 0;
const waiting: Array<() => void> = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  // A finishing hash hands its slot straight to the next waiter, so the count never overshoots.
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return withHashSlot(() => hash(password, ARGON2_OPTIONS));
}

function isBcryptHash(stored: string): boolean {
  return /^\$2[aby]\$\d{2}\$/.test(stored);
}

/** Whether the password matches the stored hash (argon2id, or bcrypt from before). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isBcryptHash(stored)) return bcrypt.compare(password, stored);
  try {
    return await withHashSlot(() => verify(stored, password));
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
  const stored = await dummyHash;
  await withHashSlot(() => verify(stored, password)).catch(() => false);
}
