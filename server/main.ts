import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { env, publicBaseUrl } from '@/lib/env';
import { logger } from '@/lib/logger';
import { startAppServer } from './app-server';
import { exitOnStartFailure, prepareProcess } from './prepare-process';
import { exitOnSignals } from './shutdown';
import { createRealtime } from './realtime';

const ROOT = path.resolve(__dirname, '..');

function ensureBuild(): void {
  if (fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) return;
  logger.info('no production build found: running `next build` once (a minute or two)');
  const r = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) {
    logger.fatal('next build failed');
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  // Storage and database first: a read-only or full data directory fails in a second, not after a build.
  await prepareProcess();
  if (!dev) ensureBuild();
  const e = env();
  const realtime = await createRealtime();
  const running = await startAppServer({ port: e.PORT, host: e.HOST, dev, ...realtime });
  logger.info({ url: publicBaseUrl(), port: running.port, dev }, `Hallway is running on ${publicBaseUrl()}`);

  exitOnSignals(() => running.close());
}

main().catch(exitOnStartFailure);
