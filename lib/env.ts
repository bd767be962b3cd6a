import 'server-only';
import { z } from 'zod';

const optionalString = z.string().trim().min(1).optional().catch(undefined);
const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  /** Base URL people reach the app at (https://hallway.example.org). Defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** next-auth's own base URL; server/prepare-process.ts sets it from PUBLIC_URL when unset. */
  NEXTAUTH_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  /** Connections in the PostgreSQL pool of each process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  /** GitHub Enterprise base URL, e.g. https://github.example.com. */
  GITHUB_URL: z.string().url().default('https://github.com'),
  /** GitHub REST API base; derived from GITHUB_URL when unset. */
  GITHUB_API_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  /** Unset: info, or warn under NODE_ENV=test (see logSettings). */
  LOG_LEVEL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  /** Set (to anything) to log to stderr: the CLI keeps stdout for its answers. */
  HALLWAY_LOG_STDERR: optionalString,
  /** Set to 0 to run the web app without the collaboration endpoint (when collab runs alone). */
  COLLAB_ENABLED: z.enum(['0', '1']).default('1'),
  /** Where browsers reach the collab WebSocket when it runs separately (wss://collab.example.org/collab). */
  COLLAB_PUBLIC_URL: z.string().url().optional(),
  /** Where this server reaches the collab endpoint for imports (ws://collab.internal:3001/collab); see docs/api.md. */
  COLLAB_INTERNAL_URL: z.string().url().optional(),
  /** Port of `npm run start:collab` (the standalone collab server); defaults to PORT. */
  COLLAB_PORT: z.preprocess((v) => (v === '' ? undefined : v), port.optional()),
  /** Lifetime of the signed token that opens one collab connection. */
  COLLAB_TOKEN_TTL_S: z.coerce.number().int().min(10).max(86_400).default(600),
  /** Largest WebSocket message accepted; bigger ones close the connection with 1009. */
  COLLAB_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  /** Largest document (approximate encoded size) the server lets grow; beyond it updates are refused (4413). */
  COLLAB_MAX_DOC_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  COLLAB_MAX_CONNECTIONS_PER_DOC: z.coerce.number().int().min(1).default(5000),
  COLLAB_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(30),
  /** Sustained messages per second per user (all their connections on a node), and the burst allowed. */
  COLLAB_RATE_PER_USER_S: z.coerce.number().min(1).default(100),
  COLLAB_RATE_BURST: z.coerce.number().min(1).default(500),
  /** A socket whose unsent buffer exceeds this is a slow consumer: disconnected, it resyncs on reconnect. */
  COLLAB_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  /** Largest awareness (presence) state one client may publish; a bigger one closes its connection (4400). */
  COLLAB_MAX_AWARENESS_BYTES: z.coerce.number().int().min(256).default(4096),
  /** Collab tokens one client address may get without signing in, per 10 minutes (a venue shares one address). */
  COLLAB_ANON_TOKENS_PER_ADDRESS: z.coerce.number().int().min(1).default(300),
  /** Anonymous collab connections open at once from one client address (per node). */
  COLLAB_ANON_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /**
   * How many proxies in front of Hallway append to X-Forwarded-For (0 = none: the socket address is
   * the client). Set it to the exact number of proxies you run; never more.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Named versions one person may keep of one session's notes. */
  NOTES_NAMED_VERSIONS_PER_USER: z.coerce.number().int().min(1).default(50),
  /** How long accepted updates may wait before they are appended to the log (the durability window). */
  COLLAB_PERSIST_INTERVAL_MS: z.coerce.number().int().min(1).max(100).default(40),
  /**
   * Edits accepted but not yet in the database, kept in memory while the database is unavailable;
   * past this many bytes new edits are refused (clients keep them and resend on reconnect).
   */
  COLLAB_MAX_UNSAVED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  /** Log rows of one document after which it is compacted into its snapshot. */
  COLLAB_COMPACT_THRESHOLD: z.coerce.number().int().min(2).default(300),
  /** A document with no connections is unloaded from memory after this long. */
  COLLAB_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /** How often open connections' access is checked again (revocation takes at most this long). */
  COLLAB_REVALIDATE_MS: z.coerce.number().int().min(100).default(3000),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`; unset, /metrics answers 404. */
  METRICS_TOKEN: optionalString,
  /** Set to 1 to serve /metrics without a token (only behind a network that keeps it private). */
  METRICS_PUBLIC: z.enum(['0', '1']).default('0'),
  /** Largest request body of any kind; a bigger declared Content-Length is refused (413) unread. */
  HTTP_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /** How long an idle keep-alive HTTP connection stays open (longer than clients' and proxies' pools). */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(65_000),
  /** Largest JSON body an API route reads (routes may allow more up to HTTP_MAX_BODY_BYTES). */
  API_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Sign-ups allowed from one client address (IPv6: one /64) per 10 minutes. */
  AUTH_SIGNUP_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
  /** Sign-up attempts for one email address per hour. */
  AUTH_SIGNUP_PER_EMAIL: z.coerce.number().int().min(1).default(5),
  /** Sign-in attempts from one client address per 10 minutes; successful ones are given back. */
  AUTH_SIGNIN_PER_ADDRESS: z.coerce.number().int().min(1).default(60),
  /**
   * Wrong passwords for one email from one address per 15 minutes, after which that address must
   * wait; the owner signing in from anywhere else is not affected.
   */
  AUTH_SIGNIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The validated environment; throws one readable message listing every bad variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * The one base URL of the app: PUBLIC_URL, else NEXTAUTH_URL, else http://localhost:PORT (which
 * only this machine can open: see publicUrlConfigured).
 */
export function publicBaseUrl(): string {
  const e = env();
  return (e.PUBLIC_URL ?? e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
}

/** False when links fall back to localhost; pages that share links then use the browser's address. */
export function publicUrlConfigured(): boolean {
  return Boolean(env().PUBLIC_URL);
}

/** Absolute URL of a path in the app, for the `url` field of API objects. */
export function absoluteUrl(pathname: string): string {
  return `${publicBaseUrl()}${pathname.startsWith('/') ? '' : '/'}${pathname}`;
}

export function githubEnabled(): boolean {
  const e = env();
  return Boolean(e.GITHUB_ID && e.GITHUB_SECRET);
}

const logSchema = schema.pick({ NODE_ENV: true, LOG_LEVEL: true, HALLWAY_LOG_STDERR: true });

/**
 * What the logger needs, validated on its own: the logger is made when it is first imported, and
 * an unrelated bad variable should still be reported through it rather than stop it.
 */
export function logSettings(): { level: NonNullable<Env['LOG_LEVEL']>; toStderr: boolean } {
  const e = logSchema.parse(process.env);
  return { level: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'warn' : 'info'), toStderr: Boolean(e.HALLWAY_LOG_STDERR) };
}
