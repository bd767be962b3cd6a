import path from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { postgresTestUrl, sqliteTestUrl } from './test/databases.ts';

// Every test file runs against a fresh SQLite database and, when TEST_DATABASE_URL is set (CI sets
// it when PostgreSQL answers), once more against a fresh PostgreSQL database.
const include = [
  'lib/**/*.test.ts',
  'server/**/*.test.ts',
  'app/**/*.test.ts',
  'cli/**/*.test.ts',
  'components/**/*.test.ts',
  'scripts/**/*.test.ts',
  'prisma/**/*.test.ts',
];

function project(name: string, databaseUrl: string, only?: string[]): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: only ?? include,
      env: { DATABASE_URL: databaseUrl, TZ: 'UTC', NODE_ENV: 'test' },
      globalSetup: ['./test/global-setup.ts'],
    },
  };
}

const projects = [project('sqlite', sqliteTestUrl())];
if (process.env.TEST_DATABASE_URL) {
  // Pure unit tests (no database) run once; everything that touches the database runs on both.
  projects.push(project('postgres', postgresTestUrl(process.env.TEST_DATABASE_URL), include));
}

export default defineConfig({
  // `server-only` throws outside Next's react-server build: tests load its empty entry instead, as
  // tsx does through tsconfig.json's paths.
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    environment: 'node',
    setupFiles: ['./test/setup-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects,
  },
});
