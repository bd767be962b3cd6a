import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { migrateDatabase } from '@/lib/migrate-database';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  postgresTestUrl,
  removeSqliteDatabase,
  sqliteTestUrl,
} from '@/test/databases';

// The access epoch's triggers (migrations *_access_epoch), on a database of their own: the other
// test files write to the shared one at the same time, and every write of theirs could move it.

const pgBase = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : null;
const url = pgBase ? postgresTestUrl(pgBase, 'epoch') : sqliteTestUrl('epoch');
const EPOCH = 'SELECT "value" FROM "AccessEpoch" WHERE "id" = 1';
let run: (sql: string) => Promise<void>;
let epoch: () => Promise<number>;
let close: () => Promise<void>;

beforeAll(async () => {
  if (pgBase) await createPostgresDatabase(url);
  await migrateDatabase(resolveDatabaseTarget({ DATABASE_URL: url }));
  if (pgBase) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    run = async (sql) => void (await client.query(sql));
    epoch = async () => Number((await client.query<{ value: string }>(EPOCH)).rows[0]!.value);
    close = () => client.end();
  } else {
    const sqlite = new Database(url.slice('file:'.length));
    sqlite.pragma('foreign_keys = ON');
    run = async (sql) => void sqlite.exec(sql);
    epoch = async () => (sqlite.prepare(EPOCH).get() as { value: number }).value;
    close = async () => void sqlite.close();
  }
});

afterAll(async () => {
  await close();
  if (pgBase) await dropPostgresDatabase(url);
  else removeSqliteDatabase(url);
});

/** How far `sql` moves the epoch. */
async function bumps(sql: string): Promise<number> {
  const before = await epoch();
  await run(sql);
  return (await epoch()) - before;
}

const now = pgBase ? 'now()' : '0';

describe('access epoch triggers', () => {
  it('stand still on inserts and on columns access is not decided from', async () => {
    expect(
      await bumps(`
        INSERT INTO "User" ("id", "name", "updatedAt") VALUES ('u1', 'Ada', ${now}), ('u2', 'Bo', ${now});
        INSERT INTO "Event" ("id", "slug", "title", "timezone", "startDate", "endDate", "visibility", "updatedAt")
          VALUES ('e1', 'e1', 'E', 'UTC', ${now}, ${now}, 'PRIVATE', ${now}), ('e2', 'e2', 'E', 'UTC', ${now}, ${now}, 'PRIVATE', ${now});
        INSERT INTO "Membership" ("id", "eventId", "userId", "role") VALUES ('m1', 'e1', 'u1', 'ORGANISER'), ('m2', 'e1', 'u2', 'ATTENDEE');
        INSERT INTO "Session" ("id", "eventId", "title", "updatedAt") VALUES ('s1', 'e1', 'S', ${now}), ('s2', 'e1', 'S', ${now});`),
    ).toBe(0);
    expect(await bumps(`UPDATE "Session" SET "title" = 'T', "status" = 'SCHEDULED' WHERE "id" = 's1'`)).toBe(0);
    expect(await bumps(`UPDATE "Event" SET "title" = 'T', "settings" = '{}' WHERE "id" = 'e1'`)).toBe(0);
    expect(await bumps(`UPDATE "User" SET "name" = 'Ada L', "sessionVersion" = 1 WHERE "id" = 'u1'`)).toBe(0);
  });

  it('move on every change that can take access away, whoever writes it', async () => {
    expect(await bumps(`UPDATE "Membership" SET "role" = 'ATTENDEE' WHERE "id" = 'm1'`)).toBeGreaterThan(0);
    expect(await bumps(`UPDATE "Event" SET "visibility" = 'PUBLIC' WHERE "id" = 'e2'`)).toBeGreaterThan(0);
    expect(await bumps(`UPDATE "Session" SET "eventId" = 'e2' WHERE "id" = 's2'`)).toBeGreaterThan(0);
    expect(await bumps(`UPDATE "User" SET "isGuest" = true, "guestEventId" = 'e2' WHERE "id" = 'u2'`)).toBeGreaterThan(
      0,
    );
    expect(await bumps(`DELETE FROM "Membership" WHERE "id" = 'm2'`)).toBeGreaterThan(0);
    expect(await bumps(`DELETE FROM "Session" WHERE "id" = 's2'`)).toBeGreaterThan(0);
    expect(await bumps(`DELETE FROM "User" WHERE "id" = 'u2'`)).toBeGreaterThan(0);
    // Deleting an event takes its sessions and memberships with it (ON DELETE CASCADE).
    expect(await bumps(`DELETE FROM "Event" WHERE "id" = 'e1'`)).toBeGreaterThan(0);
  });
});
