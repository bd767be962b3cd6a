import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { collabAccess, type CollabAccess } from '@/lib/collab/collab-access';
import { onCollabAccessRecheck } from '@/lib/collab/revocation';
import { db as defaultDb, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { rateLimitKeyForAddress, resolveClientAddress } from '@/lib/http/client-address';
import { logger } from '@/lib/logger';
import type { UpgradeTarget } from '../app-server';
import { authenticateUpgrade, type UpgradeAuth } from './authenticate';
import { CollabDoc } from './collab-doc';
import { collabConfigFromEnv, type CollabConfig } from './config';
import { CollabConnection } from './connection';
import type { CollabContext } from './context';
import { createCollabMetrics, type CollabMetrics } from './metrics';
import { compactDoc, UpdateLog } from './persistence';
import { PresenceTracker } from './presence';
import { RateLimiter } from './rate-limiter';
import { RedisBus } from './redis-bus';

const log = logger.child({ component: 'collab-server' });

export interface CollabServer extends UpgradeTarget {
  readonly metrics: CollabMetrics;
  readonly config: CollabConfig;
  /** GET /metrics in Prometheus text format. */
  metricsHandler(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  /** Redis status for /api/health, when REDIS_URL is set. */
  redisCheck: (() => Promise<'ok' | 'error'>) | null;
  /** Re-checks every open connection's access now; closes those that lost it. */
  recheckAccess(): Promise<void>;
  /** Appends everything accepted so far to the log (tests, shutdown). */
  flush(): Promise<void>;
  readonly docs: ReadonlyMap<string, CollabDoc>;
  /** Who has which document open (this node, or the cluster through Redis). */
  readonly presence: PresenceTracker;
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Builds the collaboration server: hand it upgrades on /collab, expose its metrics, close() it on shutdown. */
export async function createCollabServer(opts: { config?: Partial<CollabConfig>; db?: Db } = {}): Promise<CollabServer> {
  const config = collabConfigFromEnv(opts.config);
  const db = opts.db ?? defaultDb;
  const metrics = createCollabMetrics();
  const docs = new Map<string, CollabDoc>();
  const connectionsPerUser = new Map<string, number>();
  // Anonymous tokens are free to get: their connections are also counted per client address.
  const anonymousPerAddress = new Map<string, number>();
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

  const updateLog = new UpdateLog(db, config.persistIntervalMs, metrics, (docName, rows) => {
    const doc = docs.get(docName);
    if (!doc) return;
    doc.logRows += rows;
    if (doc.logRows >= config.compactThreshold && !doc.compacting) void compact(doc);
  });

  async function compact(doc: CollabDoc): Promise<void> {
    doc.compacting = true;
    try {
      const result = await compactDoc(db, doc.name);
      metrics.compactions.inc({ result });
      if (result === 'compacted') doc.logRows = 0;
    } catch (err) {
      metrics.compactions.inc({ result: 'error' });
      log.error({ err, doc: doc.name }, 'compaction failed');
    } finally {
      doc.compacting = false;
    }
  }

  const ctx: CollabContext = {
    config,
    db,
    metrics,
    updateLog,
    rateLimiter: new RateLimiter(config.ratePerUserPerSecond, config.rateBurst),
    bus,
    reloadDoc(docName) {
      const doc = docs.get(docName);
      if (!doc) return;
      docs.delete(docName);
      metrics.documents.set(docs.size);
      for (const c of doc.conns) c.close(CollabCloseCode.reload, 'document reloaded', 'reload');
      doc.destroy();
    },
    docIdle(docName) {
      const doc = docs.get(docName);
      if (!doc || closing) return;
      doc.idleTimer = setTimeout(() => void unloadIfIdle(doc), config.idleUnloadMs);
      doc.idleTimer.unref();
    },
  };

  async function unloadIfIdle(doc: CollabDoc): Promise<void> {
    doc.idleTimer = null;
    if (doc.conns.size > 0 || docs.get(doc.name) !== doc) return;
    doc.flush();
    // Unload only once everything it accepted is in the log, or a reload could miss it.
    if (updateLog.hasPending(doc.name)) await updateLog.flush();
    if (doc.conns.size > 0 || docs.get(doc.name) !== doc || !doc.quiet || updateLog.hasPending(doc.name)) {
      if (doc.conns.size === 0) ctx.docIdle(doc.name);
      return;
    }
    docs.delete(doc.name);
    doc.destroy();
    metrics.documents.set(docs.size);
    log.debug({ doc: doc.name }, 'idle document unloaded');
  }

  function getDoc(docName: string): CollabDoc {
    let doc = docs.get(docName);
    if (!doc) {
      doc = new CollabDoc(docName, ctx);
      docs.set(docName, doc);
      metrics.documents.set(docs.size);
      const loading = doc;
      loading.ready.catch((err) => {
        log.error({ err, doc: docName }, 'loading document failed');
        ctx.reloadDoc(docName);
      });
    }
    return doc;
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, perMessageDeflate: false, clientTracking: false });
  const allConnections = new Set<CollabConnection>();

  function onConnection(ws: WebSocket, auth: Extract<UpgradeAuth, { ok: true }>, addressKey: string | null): void {
    const doc = getDoc(auth.docName);
    const conn = new CollabConnection(ws, doc, auth.identity, auth.readOnly, ctx);
    const mode = auth.readOnly ? 'read' : 'write';
    doc.addConnection(conn);
    allConnections.add(conn);
    connectionsPerUser.set(auth.identity.subject, (connectionsPerUser.get(auth.identity.subject) ?? 0) + 1);
    if (addressKey) anonymousPerAddress.set(addressKey, (anonymousPerAddress.get(addressKey) ?? 0) + 1);
    metrics.connections.inc({ mode });
    log.debug({ doc: auth.docName, subject: auth.identity.subject, readOnly: auth.readOnly, via: auth.via }, 'connection opened');

    ws.on('message', (data, isBinary) => conn.onMessage(data as Buffer, isBinary));
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') metrics.closed.inc({ reason: 'message_too_big' });
      else if (err.code?.startsWith('WS_ERR')) metrics.closed.inc({ reason: 'bad_frame' });
      log.info({ doc: auth.docName, subject: auth.identity.subject, code: err.code }, 'socket error');
    });
    ws.on('close', () => {
      conn.closed = true;
      allConnections.delete(conn);
      doc.removeConnection(conn);
      const left = (connectionsPerUser.get(auth.identity.subject) ?? 1) - 1;
      if (left <= 0) {
        connectionsPerUser.delete(auth.identity.subject);
        ctx.rateLimiter.forget(auth.identity.subject);
      } else connectionsPerUser.set(auth.identity.subject, left);
      if (addressKey) {
        const anonLeft = (anonymousPerAddress.get(addressKey) ?? 1) - 1;
        if (anonLeft <= 0) anonymousPerAddress.delete(addressKey);
        else anonymousPerAddress.set(addressKey, anonLeft);
      }
      metrics.connections.dec({ mode });
    });
    doc.ready.then(
      () => conn.start(),
      () => conn.close(CollabCloseCode.reload, 'document failed to load', 'load_failed'),
    );
  }

  function handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    const reject = (status: number, message: string) => {
      metrics.refused.inc({ status: String(status) });
      refuse(socket, status, message);
    };
    if (closing) return reject(503, 'shutting down');
    authenticateUpgrade(req, config.allowedOrigins).then(
      (auth) => {
        if (!auth.ok) {
          log.info({ status: auth.status, reason: auth.message }, 'upgrade refused');
          return reject(auth.status, auth.message);
        }
        if (closing) return reject(503, 'shutting down');
        if ((docs.get(auth.docName)?.conns.size ?? 0) >= config.maxConnectionsPerDoc) return reject(429, 'too many connections to this document');
        if ((connectionsPerUser.get(auth.identity.subject) ?? 0) >= config.maxConnectionsPerUser) return reject(429, 'too many connections for this user');
        const addressKey =
          auth.identity.userId === null
            ? rateLimitKeyForAddress(resolveClientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], config.trustedProxyHops))
            : null;
        if (addressKey && (anonymousPerAddress.get(addressKey) ?? 0) >= config.maxAnonymousConnectionsPerAddress) {
          return reject(429, 'too many anonymous connections from this address: sign in');
        }
        if (socket.destroyed) return;
        wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, auth, addressKey));
      },
      (err) => {
        log.error({ err }, 'upgrade authentication failed');
        reject(500, 'internal error');
      },
    );
  }

  // Revocation: every open connection's access is checked again; connections grouped by user and
  // document so a crowd in one document costs one check per user.
  let rechecking: Promise<void> | null = null;
  async function recheckOnce(): Promise<void> {
    const groups = new Map<string, CollabConnection[]>();
    for (const c of allConnections) {
      const key = `${c.doc.name}\u0000${c.identity.userId ?? ''}`;
      const g = groups.get(key);
      if (g) g.push(c);
      else groups.set(key, [c]);
    }
    const entries = [...groups.values()];
    for (let i = 0; i < entries.length; i += 20) {
      await Promise.all(
        entries.slice(i, i + 20).map(async (conns) => {
          const first = conns[0]!;
          let access: CollabAccess;
          try {
            access = await collabAccess(first.identity.userId, first.doc.name);
          } catch (err) {
            log.warn({ err, doc: first.doc.name }, 'access re-check failed; keeping connections');
            return;
          }
          for (const c of conns) {
            if (access === 'none' || (access === 'read' && !c.readOnly)) {
              log.info({ doc: c.doc.name, subject: c.identity.subject, access }, 'access revoked: closing');
              c.close(CollabCloseCode.accessRevoked, access === 'none' ? 'access revoked' : 'write access revoked', 'access_revoked');
            }
          }
        }),
      );
    }
  }
  function recheckAccess(): Promise<void> {
    return (rechecking ??= recheckOnce().finally(() => {
      rechecking = null;
    }));
  }
  const recheckTimer = setInterval(() => void recheckAccess(), config.revalidateMs);
  recheckTimer.unref();
  const offRecheck = onCollabAccessRecheck(() => void recheckAccess());

  // Heartbeat: a peer that vanished without a FIN is found and its socket freed.
  const pingTimer = setInterval(() => {
    for (const c of allConnections) {
      if (!c.alive) {
        metrics.closed.inc({ reason: 'heartbeat' });
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, 30_000);
  pingTimer.unref();

  async function flush(): Promise<void> {
    for (const d of docs.values()) d.flush();
    await updateLog.flush();
  }

  let closed: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing = true;
    clearInterval(recheckTimer);
    clearInterval(pingTimer);
    offRecheck();
    for (const d of docs.values()) d.flush();
    await updateLog.close();
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
    for (const d of docs.values()) d.destroy();
    docs.clear();
    metrics.documents.set(0);
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
    recheckAccess,
    flush,
    close: () => (closed ??= close()),
    redisCheck: bus ? () => bus.ping() : null,
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
