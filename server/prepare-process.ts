import { resolveAuthSecret } from '@/lib/auth/auth-secret';
import { env, publicBaseUrl, resetEnvCache } from '@/lib/env';
import { logger } from '@/lib/logger';
import { migrateDatabase } from '@/lib/migrate-database';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { encryptStoredGithubTokens } from '@/lib/github/github-token';
import { checkStorage, StartupError } from './storage-check';

/**
 * What every server entry point does before it listens: validate the environment, check that the
 * data directory can be written, settle the signing secret and public URL, apply migrations.
 * Throws a StartupError with a message that says what to fix.
 */
export async function prepareProcess(): Promise<void> {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const e = env();
  checkStorage(e.DATA_DIR, resolveDatabaseTarget());
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
  let applied: string[];
  try {
    applied = await migrateDatabase(target);
  } catch (err) {
    const where = target.provider === 'sqlite' ? target.file : 'the PostgreSQL server in DATABASE_URL';
    throw new StartupError(`cannot open or migrate the database at ${where} (${(err as Error).message})`);
  }
  logger.info({ provider: target.provider, applied }, applied.length ? 'database migrated' : 'database up to date');
  // Rows from before tokens were encrypted at rest.
  await encryptStoredGithubTokens();
}

/** The last word of an entry point that failed to start: the reason, and a non-zero exit. */
export function exitOnStartFailure(err: unknown): never {
  if (err instanceof StartupError) logger.fatal(`cannot start: ${err.message}`);
  else logger.fatal({ err }, 'failed to start');
  process.exit(1);
}
