import type http from 'node:http';
import { env } from '@/lib/env';
import { registerRedisCheck } from '@/lib/health';
import type { UpgradeTarget } from './app-server';
import { createCollabServer } from './collab/collab-server';

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

/** The collaboration endpoint mounted at /collab, and its /metrics; nothing when COLLAB_ENABLED=0. */
export async function createRealtime(): Promise<{ collab?: UpgradeTarget; routes?: Record<string, Route> }> {
  if (env().COLLAB_ENABLED === '0') return {};
  const collab = await createCollabServer();
  if (collab.redisCheck) registerRedisCheck(collab.redisCheck);
  return { collab, routes: { '/metrics': (req, res) => collab.metricsHandler(req, res) } };
}
