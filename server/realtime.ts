import type http from 'node:http';
import { env } from '@/lib/env';
import { registerRedisCheck, registerWritesCheck } from '@/lib/health';
import { registerAcceptedEditsFlush } from '@/lib/notes/accepted-edits';
import { registerPresenceReader } from '@/lib/notes/presence-registry';
import type { UpgradeTarget } from './app-server';
import { createCollabServer } from './collab/collab-server';
import { PresenceTracker } from './collab/presence';
import { guardMetrics } from './metrics-access';

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

/** The collaboration endpoint mounted at /collab, and its /metrics; nothing when COLLAB_ENABLED=0. */
export async function createRealtime(): Promise<{ collab?: UpgradeTarget; routes?: Record<string, Route> }> {
  const e = env();
  if (e.COLLAB_ENABLED === '0') {
    // A web-only node still shows who is in each session's notes, from the collab nodes' Redis entries.
    if (e.REDIS_URL) {
      const reader = new PresenceTracker(new Map(), e.REDIS_URL);
      await reader.start();
      registerPresenceReader((names) => reader.read(names));
    }
    return {};
  }
  const collab = await createCollabServer();
  if (collab.redisCheck) registerRedisCheck(collab.redisCheck);
  registerWritesCheck(collab.writesCheck);
  registerPresenceReader((names) => collab.presence.read(names));
  // Exports include every edit this node accepted before the request (lib/notes/accepted-edits.ts).
  registerAcceptedEditsFlush(() => collab.flush());
  return { collab, routes: { '/metrics': guardMetrics((req, res) => collab.metricsHandler(req, res)) } };
}
