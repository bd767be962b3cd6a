import { postgresRead } from './postgres-reads';
import { sqliteStatement } from './sqlite-reads';

// The access epoch: a counter in AccessEpoch's one row that database triggers bump whenever a
// column collab access is decided from changes or such a row is deleted (the migration
// *_access_epoch lists them), whoever writes: a use case, the CLI, another node, a manual UPDATE.
// While it stands still, no open connection can have lost access.

const SQL = 'SELECT "value" FROM "AccessEpoch" WHERE "id" = 1';

/** The access epoch now; null without its row. Read every COLLAB_REVALIDATE_MS by the collab server. */
export async function readAccessEpoch(): Promise<number | null> {
  const sqlite = sqliteStatement(SQL);
  const row = sqlite
    ? (sqlite.get() as { value: number | bigint } | undefined)
    : (await postgresRead<{ value: string }>({ name: 'hallway_access_epoch', text: SQL }, []))![0];
  // PostgreSQL's BIGINT arrives as a string.
  return row ? Number(row.value) : null;
}
