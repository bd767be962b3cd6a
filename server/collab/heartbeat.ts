import type { CollabConnection } from './connection';
import type { CollabMetrics } from './metrics';

/**
 * Pings every connection; one that did not answer the previous ping (a peer that vanished without
 * a FIN) is terminated and its socket freed. Returns the function that stops it.
 */
export function startHeartbeat(
  connections: ReadonlySet<CollabConnection>,
  metrics: CollabMetrics,
  intervalMs = 30_000,
): () => void {
  const timer = setInterval(() => {
    for (const c of connections) {
      if (!c.alive) {
        metrics.closed.inc({ reason: 'heartbeat' });
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
