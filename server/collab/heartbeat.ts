import type { CollabConnection } from './connection';
import type { CollabMetrics } from './metrics';

/** Connections pinged in one go before the event loop gets a turn (each ping is a socket write). */
const SLICE = 256;

/**
 * Pings every connection; one that did not answer the previous ping (a peer that vanished without
 * a FIN) is terminated and its socket freed. The round goes in slices with a turn of the event
 * loop between them: thousands of pings at once held up edits for tens of milliseconds every
 * interval. Returns the function that stops it.
 */
export function startHeartbeat(
  connections: ReadonlySet<CollabConnection>,
  metrics: CollabMetrics,
  intervalMs = 30_000,
): () => void {
  const round = heartbeatRound(connections, metrics);
  const timer = setInterval(() => round.run(), intervalMs);
  timer.unref();
  return () => {
    round.stop();
    clearInterval(timer);
  };
}

/** One heartbeat round at a time (run), for the interval above and for tests that drive rounds themselves. */
export function heartbeatRound(connections: ReadonlySet<CollabConnection>, metrics: CollabMetrics) {
  let stopped = false;
  const pingSlice = (list: CollabConnection[], from: number) => {
    if (stopped) return;
    for (const c of list.slice(from, from + SLICE)) {
      if (!connections.has(c)) continue; // gone since the round began
      if (!c.alive) {
        metrics.closed.inc({ reason: 'heartbeat' });
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
    if (from + SLICE < list.length) setImmediate(() => pingSlice(list, from + SLICE));
  };
  return {
    run: () => pingSlice([...connections], 0),
    stop: () => {
      stopped = true;
    },
  };
}
