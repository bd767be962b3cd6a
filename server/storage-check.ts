import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseTarget } from '@/lib/database-url';

/** Start-up refused because of the environment: the message says what to fix. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Below this much free space the data directory counts as full: SQLite and its WAL need room to grow. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;
const PROBE_BYTES = 64 * 1024;

/**
 * Before anything else: the data directory (and the SQLite file's folder) must exist or be
 * creatable, be writable, and have room. A read-only mount or a full disk otherwise shows up
 * later as a half-started server, a generated secret that was never saved, or edits that cannot
 * be stored; here it is one clear message and a non-zero exit.
 */
export function checkStorage(dataDir: string, target: DatabaseTarget): void {
  const dirs = new Set([path.resolve(dataDir)]);
  if (target.provider === 'sqlite') dirs.add(path.dirname(target.file));
  for (const dir of dirs) checkWritableDir(dir);
}

function checkWritableDir(dir: string): void {
  const fail = (what: string, err: unknown): never => {
    const reason = err instanceof Error ? err.message : String(err);
    throw new StartupError(
      `data directory ${dir} ${what} (${reason}). Hallway keeps its database, generated secret and uploads there: ` +
        'make it writable by the user running Hallway and free some space, or set DATA_DIR (or DATABASE_URL) to another place.',
    );
  };
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    fail('cannot be created', err);
  }
  // A probe file written, flushed to disk and removed: write permission, a read-only mount and a
  // full disk each fail here (access(2) alone misses the last two).
  const probe = path.join(dir, `.write-probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(probe, 'wx', 0o600);
    fs.writeSync(fd, Buffer.alloc(PROBE_BYTES));
    fs.fsyncSync(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    fail(
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'is full'
        : code === 'EROFS'
          ? 'is on a read-only file system'
          : 'is not writable',
      err,
    );
  } finally {
    try {
      if (fd !== null) fs.closeSync(fd);
      fs.rmSync(probe, { force: true });
    } catch {
      // the failure above is the one to report
    }
  }
  let free: number;
  try {
    const s = fs.statfsSync(dir);
    free = s.bavail * s.bsize;
  } catch {
    return; // no statfs on this platform: the probe write is the check
  }
  if (free < MIN_FREE_BYTES) fail('is full', new Error(`${free} bytes free, at least ${MIN_FREE_BYTES} needed`));
}
