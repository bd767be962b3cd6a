import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { postgresTestUrl, sqliteTestUrl } from './test/databases.ts';

// `npm run test:chaos`: the collaboration server under faults and abuse (test/chaos), each test
// starting the real server as its own process. On SQLite, and on PostgreSQL too when
// TEST_DATABASE_URL is set.
const include = ['test/chaos/**/*.chaos.test.ts'];
const project = (name: string, databaseUrl: string) => ({
  extends: true as const,
  test: {
    name,
    include,
    env: { DATABASE_URL: databaseUrl, TZ: 'UTC', NODE_ENV: 'test' },
    globalSetup: ['./test/global-setup.ts'],
  },
});
const projects = [project('chaos-sqlite', sqliteTestUrl('chaos'))];
if (process.env.TEST_DATABASE_URL)
  projects.push(project('chaos-postgres', postgresTestUrl(process.env.TEST_DATABASE_URL, 'chaos')));

export default defineConfig({
  // As in vitest.config.mts: `server-only` throws outside Next's react-server build.
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    environment: 'node',
    setupFiles: ['./test/setup-env.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    projects,
  },
});
