import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';

// Each test run gets fresh databases: a temporary SQLite file and, when TEST_DATABASE_URL names a
// PostgreSQL server, a new database on it that is dropped afterwards.

export const RUN_ID = `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;

export function sqliteTestUrl(label = 'vitest'): string {
  const dir = path.join(os.tmpdir(), 'hallway-tests');
  fs.mkdirSync(dir, { recursive: true });
  return `file:${path.join(dir, `${label}-${RUN_ID}.db`)}`;
}

export function postgresTestUrl(base: string, label = 'vitest'): string {
  const u = new URL(base);
  u.pathname = `/hallway_${label}_${RUN_ID}`;
  return u.toString();
}

function adminUrl(url: string): { admin: string; name: string } {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  return { admin: u.toString(), name };
}

export async function createPostgresDatabase(url: string): Promise<void> {
  const { admin, name } = adminUrl(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
}

export async function dropPostgresDatabase(url: string): Promise<void> {
  const { admin, name } = adminUrl(url);
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

export function removeSqliteDatabase(url: string): void {
  const file = url.slice('file:'.length);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}
