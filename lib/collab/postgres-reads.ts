import 'server-only';
import pg from 'pg';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { logger } from '@/lib/logger';

// The PostgreSQL counterpart of sqlite-reads.ts: the access rows of upgrades and re-checks, and
// the access epoch, as named statements (parsed and planned once per connection) on a small pool
// of their own. Through Prisma each was compiled by its query compiler first, ~1 ms of main
// thread per query while thousands of connections were admitted.

/** Connections of this pool: reads of a few rows each, a handful at a time. */
const POOL_SIZE = 2;

let open: { url: string; pool: pg.Pool } | null = null;

function pool(url: string): pg.Pool {
  if (open?.url !== url) {
    void open?.pool.end();
    const created = new pg.Pool({
      connectionString: url,
      max: POOL_SIZE,
      connectionTimeoutMillis: 5000,
      // Idle connections do not keep a process that is done (a test, a script) from exiting.
      allowExitOnIdle: true,
    });
    // An idle connection that breaks (the database restarted) is dropped; unhandled, the pool's
    // 'error' event would end the process.
    created.on('error', (err) => logger.warn({ err: err.message }, 'idle collab read connection lost'));
    open = { url, pool: created };
  }
  return open.pool;
}

/** Runs a named statement on the collab read pool; null when the database is not PostgreSQL. */
export function postgresRead<R extends pg.QueryResultRow>(
  statement: { name: string; text: string },
  values: unknown[],
): Promise<R[]> | null {
  const target = resolveDatabaseTarget();
  if (target.provider !== 'postgresql') return null;
  return pool(target.url)
    .query<R>({ ...statement, values })
    .then((r) => r.rows);
}
