import { env } from '@/lib/env';

/** Limits and timings of one collab server; defaults come from the environment (lib/env.ts). */
export interface CollabConfig {
  tokenTtlSeconds: number;
  maxMessageBytes: number;
  maxDocBytes: number;
  maxConnectionsPerDoc: number;
  maxConnectionsPerUser: number;
  /** Anonymous connections from one client address (IPv6: one /64). */
  maxAnonymousConnectionsPerAddress: number;
  /** Proxies in front that append to X-Forwarded-For (TRUST_PROXY_HOPS). */
  trustedProxyHops: number;
  ratePerUserPerSecond: number;
  rateBurst: number;
  maxBufferedBytes: number;
  maxAwarenessBytes: number;
  persistIntervalMs: number;
  /** Unsaved edits kept in memory while the database is away; past it new edits are refused. */
  maxUnsavedBytes: number;
  compactThreshold: number;
  idleUnloadMs: number;
  revalidateMs: number;
  /** An automatic version every this long while a document is edited (and one at its slot's end). */
  autoVersionEveryMs: number;
  /** How often the automatic-version hook looks at the documents edited here. */
  autoVersionCheckMs: number;
  redisUrl: string | undefined;
  /** Origins allowed to connect with the session cookie besides the request's own host. */
  allowedOrigins: string[];
}

export function collabConfigFromEnv(overrides: Partial<CollabConfig> = {}): CollabConfig {
  const e = env();
  const origins = [e.PUBLIC_URL, e.NEXTAUTH_URL].filter((o): o is string => Boolean(o)).map((o) => new URL(o).origin);
  return {
    tokenTtlSeconds: e.COLLAB_TOKEN_TTL_S,
    maxMessageBytes: e.COLLAB_MAX_MESSAGE_BYTES,
    maxDocBytes: e.COLLAB_MAX_DOC_BYTES,
    maxConnectionsPerDoc: e.COLLAB_MAX_CONNECTIONS_PER_DOC,
    maxConnectionsPerUser: e.COLLAB_MAX_CONNECTIONS_PER_USER,
    maxAnonymousConnectionsPerAddress: e.COLLAB_ANON_CONNECTIONS_PER_ADDRESS,
    trustedProxyHops: e.TRUST_PROXY_HOPS,
    ratePerUserPerSecond: e.COLLAB_RATE_PER_USER_S,
    rateBurst: e.COLLAB_RATE_BURST,
    maxBufferedBytes: e.COLLAB_MAX_BUFFERED_BYTES,
    maxAwarenessBytes: e.COLLAB_MAX_AWARENESS_BYTES,
    persistIntervalMs: e.COLLAB_PERSIST_INTERVAL_MS,
    maxUnsavedBytes: e.COLLAB_MAX_UNSAVED_BYTES,
    compactThreshold: e.COLLAB_COMPACT_THRESHOLD,
    idleUnloadMs: e.COLLAB_IDLE_UNLOAD_MS,
    revalidateMs: e.COLLAB_REVALIDATE_MS,
    autoVersionEveryMs: 10 * 60_000,
    autoVersionCheckMs: 30_000,
    redisUrl: e.REDIS_URL,
    allowedOrigins: origins,
    ...overrides,
  };
}
