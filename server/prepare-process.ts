import { resolveAuthSecret } from '@/lib/auth/auth-secret';
import { env, publicBaseUrl, resetEnvCache } from '@/lib/env';
import { logger } from '@/lib/logger';
import { migrateDatabase } from '@/lib/migrate-database';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { encryptStoredGithubTokens } from '@/lib/github/github-token';

/**
 * What every server entry point does before it listens: validate the environment, settle the
 * signing secret and public URL, apply migrations.
 */
export async function prepareProcess(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const e = env();
  const { secret, source } = resolveAuthSecret();
  process.env.AUTH_SECRET = secret;
  process.env.NEXTAUTH_SECRET = secret;
  if (source === 'generated') {
    logger.warn(
      { dataDir: e.DATA_DIR },
      'AUTH_SECRET is not set: generated one into DATA_DIR/auth-secret and will reuse it. Set AUTH_SECRET when serving on a public URL.',
    );
  }
  // next-auth reads NEXTAUTH_URL itself: give it the one base URL the rest of the app uses.
  process.env.NEXTAUTH_URL = publicBaseUrl();
  resetEnvCache();
  const target = resolveDatabaseTarget();
  const applied = await migrateDatabase(target);
  logger.info({ provider: target.provider, applied }, applied.length ? 'database migrated' : 'database up to date');
  // Rows from before tokens were encrypted at rest.
  await encryptStoredGithubTokens();
}
