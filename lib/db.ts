import 'server-only';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '@/generated/sqlite';
import { PrismaClient as PostgresClient } from '@/generated/postgres';
import { ensureSqliteDir, resolveDatabaseTarget, type DatabaseTarget } from '@/lib/database-url';
import { isRetryableConflict, retryOnConflict } from '@/lib/db-errors';
import { env } from '@/lib/env';

export { isRetryableConflict };

export * from '@/generated/sqlite';
/** Both generated clients come from one schema, so the SQLite client's types describe either. */
export type Db = SqliteClient;

export function createDb(target: DatabaseTarget = resolveDatabaseTarget()): Db {
  if (target.provider === 'postgresql') {
    // A server that does not answer fails the query after 5 s instead of holding it forever.
    const adapter = new PrismaPg({
      connectionString: target.url,
      max: env().DATABASE_POOL_SIZE,
      connectionTimeoutMillis: 5000,
    });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  try {
    ensureSqliteDir(target);
  } catch {
    // The client is made when this module loads; a folder that cannot be made is reported clearly
    // by start-up's storage check (server/storage-check.ts), or by SQLite on first use.
  }
  // WAL lets the collab server's writes and page reads proceed side by side; busy_timeout waits
  // out the short write locks instead of failing.
  const adapter = new PrismaBetterSQLite3({ url: target.url, timeout: 5000 });
  return new SqliteClient({ adapter });
}

const globalForDb = globalThis as unknown as { __hallwayDb?: Db };

/**
 * The one Prisma client of the process. The custom server and the Next.js bundle run in the
 * same process and both reach it through globalThis, as does dev hot reload.
 */
export const db: Db = (globalForDb.__hallwayDb ??= createDb());

export function databaseProvider(): DatabaseTarget['provider'] {
  return resolveDatabaseTarget().provider;
}

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * An interactive transaction that is retried when it loses a race with another writer. SQLite in
 * WAL mode refuses at once (SQLITE_BUSY_SNAPSHOT, no busy wait) a transaction that read and then
 * writes after another process committed; running it again from the start is the remedy.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T>, attempts = 6): Promise<T> {
  return retryOnConflict(() => db.$transaction(fn, { maxWait: 10_000, timeout: 20_000 }), attempts);
}
