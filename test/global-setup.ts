import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../lib/migrate-database';
import { resolveDatabaseTarget } from '../lib/database-url';
import { createPostgresDatabase, dropPostgresDatabase, removeSqliteDatabase } from './databases';

/** Creates and migrates this project's fresh database before its tests, removes it after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = project.config.env.DATABASE_URL;
  if (!url) throw new Error('vitest project has no DATABASE_URL');
  const target = resolveDatabaseTarget({ DATABASE_URL: url });
  if (target.provider === 'postgresql') await createPostgresDatabase(url);
  await migrateDatabase(target);
  return async () => {
    if (process.env.KEEP_TEST_DB) return;
    if (target.provider === 'postgresql') await dropPostgresDatabase(url);
    else removeSqliteDatabase(url);
  };
}
