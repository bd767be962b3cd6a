import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Browser tests run against a production build served by our own server (`server/main.ts`) with a
// fresh SQLite database in a temporary DATA_DIR, and Debian's Chromium (no browser download).
const PORT = Number(process.env.E2E_PORT || 3210);
const baseURL = `http://localhost:${PORT}`;
const dataDir = path.join(__dirname, '.test-tmp', `e2e-${process.env.E2E_RUN_ID || process.pid}`);
// GitHub sign-in runs against a local stand-in (e2e/fixtures/fake-github.ts) on the next port.
const GITHUB_PORT = PORT + 1;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-report.json' }]],
  outputDir: 'test-results/e2e',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `node node_modules/tsx/dist/cli.mjs e2e/fixtures/fake-github.ts ${GITHUB_PORT}`,
      port: GITHUB_PORT,
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      command: 'node node_modules/tsx/dist/cli.mjs server/main.ts',
      url: `${baseURL}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
        LOG_LEVEL: 'warn',
        NEXT_TELEMETRY_DISABLED: '1',
        TZ: 'UTC',
        GITHUB_ID: 'fake-client-id',
        GITHUB_SECRET: 'fake-client-secret',
        GITHUB_URL: `http://127.0.0.1:${GITHUB_PORT}`,
        GITHUB_API_URL: `http://127.0.0.1:${GITHUB_PORT}/api/v3`,
        // Every browser test signs up and in from 127.0.0.1: the whole suite is one address making
        // hundreds of accounts in minutes, which the production limits rightly refuse. Wrong-password
        // limits per account stay at their defaults (e2e/security-web.spec.ts checks the 429).
        AUTH_SIGNUP_PER_ADDRESS: '100000',
        AUTH_SIGNIN_PER_ADDRESS: '100000',
      },
    },
  ],
});
