import type { Db } from '@/lib/db';
import type { CollabConfig } from './config';
import type { CollabHooks } from './hooks';
import type { CollabMetrics } from './metrics';
import type { UpdateLog } from './persistence';
import type { RateLimiter } from './rate-limiter';
import type { RedisBus } from './redis-bus';
import type { UnsavedBuffer } from './unsaved-buffer';

/** What every document and connection of one collab server shares. */
export interface CollabContext {
  config: CollabConfig;
  db: Db;
  metrics: CollabMetrics;
  updateLog: UpdateLog;
  /** What is accepted but not yet in the database; full while the database has been away too long. */
  unsaved: UnsavedBuffer;
  rateLimiter: RateLimiter;
  bus: RedisBus | null;
  /** Notes features running on the server (see hooks.ts). */
  hooks: readonly CollabHooks[];
  /** The document failed in a way that leaves its memory state suspect: drop it and let clients resync. */
  reloadDoc(docName: string): void;
  /** The last connection left. */
  docIdle(docName: string): void;
}

/** Who is on the other end of a connection. */
export interface CollabIdentity {
  userId: string | null;
  /** Key for per-user limits: the user id, or `anon:<random>` from an anonymous reader's token. */
  subject: string;
  /** The user's display name from the database: what others see in presence, whatever the client claims. */
  name: string | null;
}
