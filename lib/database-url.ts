import fs from 'node:fs';
import path from 'node:path';

export type DatabaseTarget =
  { provider: 'sqlite'; url: string; file: string } | { provider: 'postgresql'; url: string };

/** Where the data lives: DATABASE_URL if set, else `hallway.db` in DATA_DIR (default ./data). */
export function resolveDatabaseTarget(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url)) return { provider: 'postgresql', url };
  if (url && url.startsWith('file:')) {
    const file = path.resolve(url.slice('file:'.length));
    return { provider: 'sqlite', url: `file:${file}`, file };
  }
  if (url) {
    throw new Error(`DATABASE_URL must start with file: or postgres:// (got "${url.split(':')[0]}:…")`);
  }
  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');
  const file = path.join(dataDir, 'hallway.db');
  return { provider: 'sqlite', url: `file:${file}`, file };
}

/** Creates the folder of a SQLite file so a fresh machine needs no set-up. */
export function ensureSqliteDir(target: DatabaseTarget): void {
  if (target.provider === 'sqlite') fs.mkdirSync(path.dirname(target.file), { recursive: true });
}
