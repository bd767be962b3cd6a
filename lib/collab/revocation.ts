import type { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';

// Use cases that take access away (member removed, event made private) call
// requestCollabAccessRecheck(), and every collab server re-checks its open connections at once
// instead of at its next periodic pass (COLLAB_REVALIDATE_MS, which still covers a lost message).
// With REDIS_URL the request is published on one channel every node subscribes to, the local one
// included. Without Redis there is one node, in this very process; the web app's bundle and the
// collab server hold separate copies of this module, so the request crosses over a process event
// (a named channel, not shared state).

/** The Redis channel of access re-check requests; the payload is ignored. */
export const COLLAB_RECHECK_CHANNEL = 'hallway:collab:recheck';
const PROCESS_EVENT = 'hallway:collab-recheck';
const processEvents = process as unknown as EventEmitter;

const log = logger.child({ component: 'collab-revocation' });
let publisher: Redis | null = null;

/** Asks every collab server (all nodes with Redis, this process's without) to re-check access now. */
export function requestCollabAccessRecheck(): void {
  const url = env().REDIS_URL;
  if (!url) {
    processEvents.emit(PROCESS_EVENT);
    return;
  }
  if (!publisher) {
    publisher = new Redis(url, { maxRetriesPerRequest: 1 });
    publisher.on('error', () => undefined); // a failed publish is logged below; ioredis reconnects
  }
  publisher.publish(COLLAB_RECHECK_CHANNEL, '1').catch((err: Error) => {
    log.warn({ err: err.message }, 'publishing an access re-check failed; nodes re-check on their own schedule');
  });
}

/** Registers a collab server's re-check for requests made in this process (no Redis); returns the function that unregisters it. */
export function onCollabAccessRecheck(recheck: () => void): () => void {
  const listener = () => recheck();
  processEvents.on(PROCESS_EVENT, listener);
  return () => processEvents.off(PROCESS_EVENT, listener);
}
