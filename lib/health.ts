import { db } from '@/lib/db';

export interface HealthReport {
  status: 'ok' | 'degraded';
  db: 'ok' | 'error';
  redis?: 'ok' | 'error';
}

type RedisCheck = () => Promise<'ok' | 'error'>;
/** Whether the collab server's appends to the update log succeed (false after repeated failures). */
type WritesCheck = () => boolean;
const globalForHealth = globalThis as unknown as {
  __hallwayRedisCheck?: RedisCheck;
  __hallwayWritesCheck?: WritesCheck;
};

/** A database that does not answer within this long counts as down (a health check must answer). */
const DB_PROBE_TIMEOUT_MS = 2000;

/** The collab server registers how to ping Redis when REDIS_URL is set. */
export function registerRedisCheck(check: RedisCheck): void {
  globalForHealth.__hallwayRedisCheck = check;
}

/**
 * The collab server registers whether its writes succeed: `SELECT 1` passes while another process
 * holds a SQLite file's write lock, yet nothing can be saved.
 */
export function registerWritesCheck(check: WritesCheck): void {
  globalForHealth.__hallwayWritesCheck = check;
}

async function probeDb(): Promise<'ok' | 'error'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'error'>((resolve) => {
    timer = setTimeout(() => resolve('error'), DB_PROBE_TIMEOUT_MS);
  });
  const query = db.$queryRawUnsafe('SELECT 1').then(
    () => 'ok' as const,
    () => 'error' as const,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const writesOk = globalForHealth.__hallwayWritesCheck?.() ?? true;
  const dbStatus = writesOk ? await probeDb() : 'error';
  const report: HealthReport = { status: 'ok', db: dbStatus };
  const redisCheck = globalForHealth.__hallwayRedisCheck;
  if (redisCheck) report.redis = await redisCheck().catch(() => 'error' as const);
  if (report.db !== 'ok' || report.redis === 'error') report.status = 'degraded';
  return report;
}
