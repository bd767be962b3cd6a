import { db } from '@/lib/db';
import { sqliteStatement } from './sqlite-reads';

// The access epoch: a counter in AccessEpoch's one row that database triggers bump whenever a
// column collab access is decided from changes or such a row is deleted (the migration
// *_access_epoch lists them), whoever writes: a use case, the CLI, another node, a manual UPDATE.
// While it stands still, no open connection can have lost access.

const SQL = 'SELECT "value" FROM "AccessEpoch" WHERE "id" = 1';

/** The access epoch now; null without its row. Read every COLLAB_REVALIDATE_MS by the collab server. */
export async function readAccessEpoch(): Promise<number | null> {
  const statement = sqliteStatement(SQL);
  if (statement) {
    const row = statement.get() as { value: number | bigint } | undefined;
    return row ? Number(row.value) : null;
  }
  const rows = await db.$queryRawUnsafe<{ value: unknown }[]>(SQL);
  // PostgreSQL's BIGINT arrives as a bigint.
  return rows[0] ? Number(rows[0].value) : null;
}
