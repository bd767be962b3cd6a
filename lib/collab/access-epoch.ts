import { db } from '@/lib/db';

// The access epoch: a counter in AccessEpoch's one row that database triggers bump whenever a
// column collab access is decided from changes or such a row is deleted (the migration
// *_access_epoch lists them), whoever writes: a use case, the CLI, another node, a manual UPDATE.
// While it stands still, no open connection can have lost access.

/** The access epoch now, as text (SQLite and PostgreSQL return its BIGINT differently); null without its row. */
export async function readAccessEpoch(): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<{ value: unknown }[]>('SELECT "value" FROM "AccessEpoch" WHERE "id" = 1');
  return rows[0] ? String(rows[0].value) : null;
}
