import { db } from '@/lib/db';

export interface HealthReport {
  status: 'ok' | 'degraded';
  db: 'ok' | 'error';
  redis?: 'ok' | 'error';
}

type RedisCheck = () => Promise<'ok' | 'error'>;
const globalForHealth = globalThis as unknown as { __hallwayRedisCheck?: RedisCheck };

/** The collab server registers how to ping Redis when REDIS_URL is set. */
export function registerRedisCheck(check: RedisCheck): void {
  globalForHealth.__hallwayRedisCheck = check;
}

export async function checkHealth(): Promise<HealthReport> {
  const dbStatus = await db.$queryRawUnsafe('SELECT 1').then(
    () => 'ok' as const,
    () => 'error' as const,
  );
  const report: HealthReport = { status: 'ok', db: dbStatus };
  const redisCheck = globalForHealth.__hallwayRedisCheck;
  if (redisCheck) report.redis = await redisCheck().catch(() => 'error' as const);
  if (report.db !== 'ok' || report.redis === 'error') report.status = 'degraded';
  return report;
}
