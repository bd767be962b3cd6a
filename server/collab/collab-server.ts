import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { COLLAB_RECHECK_CHANNEL, onCollabAccessRecheck } from '@/lib/collab/revocation';
import { db as defaultDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import type { UpgradeTarget } from '../app-server';
import { AccessCache } from './access-cache';
import { AccessRechecker } from './access-rechecker';
import { authenticateUpgrade, type UpgradeAuth } from './authenticate';
import { autoVersionsHook } from './auto-versions';
import type { CollabDoc } from './collab-doc';
import { collabConfigFromEnv, type CollabConfig } from './config';
import { CollabConnection } from './connection';
import { ConnectionLimiter, type Admission } from './connection-limiter';
import type { CollabContext } from './context';
import { DocumentRegistry } from './document-registry';
import { startHeartbeat } from './heartbeat';
import { callHooks, type CollabHooks } from './hooks';
import { createCollabMetrics, type CollabMetrics } from './metrics';
import { logWriterFor } from './log-writer';
import { notesRenditionsHook } from './notes-renditions-hook';
import { UpdateLog } from './persistence';
import { PresenceTracker } from './presence';
import { RateLimiter } from './rate-limiter';
import { RedisBus } from './redis-bus';
import { UnsavedBuffer } from './unsaved-buffer';

const log = logger.child({ component: 'collab-server' });

export interface CollabServer extends UpgradeTarget {
  readonly metrics: CollabMetrics;
  readonly config: CollabConfig;
  /** GET /metrics in Prometheus text format. */
  metricsHandler(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  /** Redis status for /api/health, when REDIS_URL is set. */
  redisCheck: (() => Promise<'ok' | 'error'>) | null;
  /** Whether appends to the update log succeed, for /api/health (false while the database is away). */
  writesCheck: () => boolean;
  /** Re-checks every open connection's access now; closes those that lost it. */
  recheckAccess(): Promise<void>;
  /** Appends everything accepted so far to the log (tests, shutdown). */
  flush(): Promise<void>;
  readonly docs: ReadonlyMap<string, CollabDoc>;
  /** Who has which document open (this node, or the cluster through Redis). */
  readonly presence: PresenceTracker;
}

// A module-level function, not a closure: a listener made inside handleUpgrade would keep that
// call's scope alive for as long as the socket lives (the upgrade request, its headers and the
// parser's read buffer behind `head`: about 3 KB per idle connection).
const ignoreSocketError = (): void => undefined;

const CONNECTION = Symbol('collab connection');
const ADMISSION = Symbol('collab admission');
/** An accepted socket, carrying its connection and what the limiter counted it as. */
type ConnectedSocket = WebSocket & { [CONNECTION]: CollabConnection; [ADMISSION]: Admission };

function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Builds the collaboration server from its parts: the document registry (documents in memory,
 * idle unloading, compaction), persistence (the UpdateLog), the connection limiter, the access
 * re-checker, the heartbeat, Redis between nodes and the hooks of server-side notes features.
 * Hand it upgrades on /collab, expose its metrics, close() it on shutdown.
 */
export async function createCollabServer(
  opts: { config?: Partial<CollabConfig>; db?: Db; hooks?: readonly CollabHooks[] } = {},
): Promise<CollabServer> {
  const config = collabConfigFromEnv(opts.config);
  const db = opts.db ?? defaultDb;
  // Notes features that run on the server; tests may pass their own list.
  const hooks = opts.hooks ?? [
    autoVersionsHook({ db, everyMs: config.autoVersionEveryMs, checkMs: config.autoVersionCheckMs }),
    notesRenditionsHook({ db }),
  ];
  const metrics = createCollabMetrics();
  const registry = new DocumentRegistry(config, db, metrics);
  const docs = registry.docs;
  const limiter = new ConnectionLimiter(config);
  // Upgrades of one user to one document share their access lookup (see access-cache.ts).
  const accessCache = new AccessCache(config.revalidateMs);
  let closing = false;

  const bus = config.redisUrl ? new RedisBus(config.redisUrl, metrics) : null;
  if (bus) {
    await bus.connect();
    bus.setReconnectHandler(() => {
      for (const d of docs.values()) if (d.loaded) d.requestSyncFromNodes();
    });
  }

  const presence = new PresenceTracker(docs, config.redisUrl);
  await presence.start();

  const unsaved = new UnsavedBuffer(config.maxUnsavedBytes, metrics);
  const updateLog = new UpdateLog(
    logWriterFor(db, opts.db !== undefined, metrics, config.compactThreshold),
    config.persistIntervalMs,
    metrics,
    (docName, rows) => registry.stored(docName, rows),
    unsaved,
  );
  const ctx: CollabContext = {
    config,
    db,
    metrics,
    updateLog,
    unsaved,
    rateLimiter: new RateLimiter(config.ratePerUserPerSecond, config.rateBurst),
    bus,
    hooks,
    reloadDoc: (docName) => registry.reload(docName),
    docIdle: (docName) => registry.idle(docName),
  };
  registry.attach(ctx);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxMessageBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const allConnections = new Set<CollabConnection>();
  const rechecker = new AccessRechecker(allConnections, config.revalidateMs, metrics.accessRechecks);

  // The socket handlers exist once per server, not once per connection: each finds its connection
  // on the socket (`this`), so an idle connection holds no closures of its own.
  function onSocketMessage(this: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    (this as ConnectedSocket)[CONNECTION].onMessage(data as Buffer, isBinary);
  }
  function onSocketPong(this: WebSocket): void {
    (this as ConnectedSocket)[CONNECTION].alive = true;
  }
  function onSocketError(this: WebSocket, err: Error & { code?: string }): void {
    const conn = (this as ConnectedSocket)[CONNECTION];
    if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') metrics.closed.inc({ reason: 'message_too_big' });
    else if (err.code?.startsWith('WS_ERR')) metrics.closed.inc({ reason: 'bad_frame' });
    log.info({ doc: conn.doc.name, subject: conn.identity.subject, code: err.code }, 'socket error');
  }
  function onSocketClose(this: WebSocket): void {
    const conn = (this as ConnectedSocket)[CONNECTION];
    conn.closed = true;
    allConnections.delete(conn);
    conn.doc.removeConnection(conn);
    if (limiter.closed((this as ConnectedSocket)[ADMISSION])) ctx.rateLimiter.forget(conn.identity.subject);
    metrics.connections.dec({ mode: conn.readOnly ? 'read' : 'write' });
    callHooks(hooks, 'onDisconnect', { docName: conn.doc.name, identity: conn.identity, readOnly: conn.readOnly });
  }

  function onConnection(
    ws: WebSocket,
    auth: Extract<UpgradeAuth, { ok: true }>,
    admission: Admission,
    raw: Duplex,
  ): void {
    const doc = registry.get(auth.docName);
    const conn = new CollabConnection(ws, doc, auth.identity, auth.readOnly, ctx);
    const socket = ws as ConnectedSocket;
    socket[CONNECTION] = conn;
    socket[ADMISSION] = admission;
    doc.addConnection(conn);
    allConnections.add(conn);
    rechecker.connectionOpened(conn, auth.accessEpoch);
    limiter.opened(admission);
    metrics.connections.inc({ mode: auth.readOnly ? 'read' : 'write' });
    log.debug(
      { doc: auth.docName, subject: auth.identity.subject, readOnly: auth.readOnly, via: auth.via },
      'connection opened',
    );
    callHooks(hooks, 'onConnect', { docName: auth.docName, identity: auth.identity, readOnly: auth.readOnly });

    socket.on('message', onSocketMessage);
    socket.on('pong', onSocketPong);
    socket.on('error', onSocketError);
    socket.on('close', onSocketClose);
    doc.ready
      .then(
        () => conn.start(),
        () => conn.close(CollabCloseCode.reload, 'document failed to load', 'load_failed'),
      )
      .finally(() => raw.uncork());
  }

  function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', ignoreSocketError);
    const reject = (status: number, message: string) => {
      metrics.refused.inc({ status: String(status) });
      refuse(socket, status, message);
    };
    if (closing) return reject(503, 'shutting down');
    authenticateUpgrade(req, config.allowedOrigins, (userId, docName, wanted) =>
      accessCache.decide(userId, docName, wanted),
    ).then(
      (auth) => {
        if (!auth.ok) {
          log.info({ status: auth.status, reason: auth.message }, 'upgrade refused');
          return reject(auth.status, auth.message);
        }
        if (closing) return reject(503, 'shutting down');
        const verdict = limiter.admit(req, auth.identity, docs.get(auth.docName)?.conns.size ?? 0);
        if ('refused' in verdict) return reject(429, verdict.refused);
        if (socket.destroyed) return;
        // The 101 response waits in the socket for the greeting (sync step 1, presence), so an
        // admission costs one write system call instead of two; uncorked once the greeting is out.
        socket.cork();
        wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, auth, verdict.admission, socket));
      },
      (err) => {
        log.error({ err }, 'upgrade authentication failed');
        reject(500, 'internal error');
      },
    );
  }

  // Revocations: published over Redis to every node when it is configured, else within this process.
  // The next upgrade after one asks the database again.
  const revoked = () => {
    accessCache.invalidate();
    void rechecker.recheck();
  };
  const offRecheck = onCollabAccessRecheck(revoked);
  if (bus) await bus.onSignal(COLLAB_RECHECK_CHANNEL, revoked);
  const stopHeartbeat = startHeartbeat(allConnections, metrics);

  async function flush(): Promise<void> {
    registry.flushAll();
    await updateLog.flush();
  }

  let closed: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing = true;
    registry.close();
    rechecker.stop();
    stopHeartbeat();
    offRecheck();
    registry.flushAll();
    await updateLog.close();
    for (const h of hooks) {
      try {
        await h.onDestroy?.();
      } catch (err) {
        log.error({ err }, 'collab hook onDestroy failed');
      }
    }
    const sockets = [...allConnections];
    await Promise.all(
      sockets.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.ws.readyState === c.ws.CLOSED) return resolve();
            c.ws.once('close', () => resolve());
            c.ws.close(CollabCloseCode.normal, 'server shutting down');
            setTimeout(() => {
              c.ws.terminate();
              resolve();
            }, 2000).unref();
          }),
      ),
    );
    registry.destroyAll();
    wss.close();
    await presence.close();
    await bus?.close();
    log.info('collab server closed');
  }

  return {
    metrics,
    config,
    docs,
    presence,
    handleUpgrade,
    recheckAccess: () => {
      accessCache.invalidate();
      return rechecker.recheck();
    },
    flush,
    close: () => (closed ??= close()),
    redisCheck: bus ? () => bus.ping() : null,
    writesCheck: () => unsaved.available,
    async metricsHandler(req, res) {
      const expected = env().METRICS_TOKEN;
      if (expected && req.headers.authorization !== `Bearer ${expected}`) {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized\n');
        return;
      }
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      res.end(await metrics.registry.metrics());
    },
  };
}
