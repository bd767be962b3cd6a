import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ensureSqliteDir, resolveDatabaseTarget, type DatabaseTarget } from './database-url';

// Applies the committed SQL migrations (prisma/migrations for SQLite, prisma/postgres/migrations
// for PostgreSQL) and records them in Prisma's own _prisma_migrations table, so `prisma migrate
// status` agrees. Written by hand because `prisma migrate deploy` with the js engine fails on
// PostgreSQL (prisma/prisma#27403) and costs seconds of CLI start-up on every `npm start`.

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const ROOT = path.resolve(__dirname, '..');

export function migrationsDir(provider: DatabaseTarget['provider']): string {
  return path.join(ROOT, 'prisma', ...(provider === 'postgresql' ? ['postgres'] : []), 'migrations');
}

function readMigrations(provider: DatabaseTarget['provider']): Migration[] {
  const dir = migrationsDir(provider);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

const TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

/** Applies pending migrations; returns the names applied. Safe to run from several processes at once. */
export async function migrateDatabase(target: DatabaseTarget = resolveDatabaseTarget()): Promise<string[]> {
  const migrations = readMigrations(target.provider);
  return target.provider === 'postgresql' ? migratePostgres(target.url, migrations) : migrateSqlite(target, migrations);
}

function migrateSqlite(target: Extract<DatabaseTarget, { provider: 'sqlite' }>, migrations: Migration[]): string[] {
  ensureSqliteDir(target);
  const sqlite = new Database(target.file, { timeout: 10_000 });
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec(TABLE.replace(/TIMESTAMPTZ/g, 'DATETIME').replace('now()', 'current_timestamp'));
    const applied = new Set(
      sqlite
        .prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL')
        .all()
        .map((r) => (r as { migration_name: string }).migration_name),
    );
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      // IMMEDIATE takes the write lock first, so a second process waits and then sees the row.
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const again = sqlite
          .prepare('SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL')
          .get(m.name);
        if (!again) {
          sqlite.exec(m.sql);
          sqlite
            .prepare(
              'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, ' +
                'applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
            )
            .run(crypto.randomUUID(), m.checksum, Date.now(), m.name, Date.now());
          done.push(m.name);
        }
        sqlite.exec('COMMIT');
      } catch (err) {
        sqlite.exec('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
    }
    return done;
  } finally {
    sqlite.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across every node sharing the database.
    await client.query('SELECT pg_advisory_lock(724001)');
    await client.query(TABLE);
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL',
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, ' +
            'applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)',
          [crypto.randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
        done.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock(724001)').catch(() => undefined);
    await client.end();
  }
}
