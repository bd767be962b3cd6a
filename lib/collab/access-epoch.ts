import Database from 'better-sqlite3';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { db } from '@/lib/db';

// The access epoch: a counter in AccessEpoch's one row that database triggers bump whenever a
// column collab access is decided from changes or such a row is deleted (the migration
// *_access_epoch lists them), whoever writes: a use case, the CLI, another node, a manual UPDATE.
// While it stands still, no open connection can have lost access.

const SQL = 'SELECT "value" FROM "AccessEpoch" WHERE "id" = 1';

// The collab server reads it every COLLAB_REVALIDATE_MS. Through Prisma one read cost ~1.1 ms of
// CPU at that pace (compiling the query, the adapter; measured with reads 0.5 s apart), a prepared
// statement on a connection of its own ~0.08 ms. On PostgreSQL the read stays on the Prisma pool
// rather than holding a second connection per node.
let sqlite: Database.Database | null | undefined;
let statement: Database.Statement | undefined;

/** The access epoch now; null without its row. */
export async function readAccessEpoch(): Promise<number | null> {
  if (sqlite === undefined) {
    const target = resolveDatabaseTarget();
    sqlite = target.provider === 'sqlite' ? new Database(target.file, { fileMustExist: true }) : null;
  }
  if (sqlite) {
    statement ??= sqlite.prepare(SQL);
    const row = statement.get() as { value: number | bigint } | undefined;
    return row ? Number(row.value) : null;
  }
  const rows = await db.$queryRawUnsafe<{ value: unknown }[]>(SQL);
  // PostgreSQL's BIGINT arrives as a bigint.
  return rows[0] ? Number(rows[0].value) : null;
}
