import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import next from 'next';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from '@/lib/http/client-address';
import { checkRequest, refuseRequest } from './request-guard';
import { applySecurityHeaders } from './security-headers';
import { applyKeepAlive } from './http-keep-alive';
import { staticAssets } from './static-assets';
import { ownUpgrades } from './own-upgrades';

/** What the real-time server plugs into the shared HTTP server. */
export interface UpgradeTarget {
  /** Takes over an upgrade request whose path it owns (it checks auth before accepting). */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Stops accepting, flushes, closes sockets with a normal code. */
  close(): Promise<void>;
}

export interface AppServerOptions {
  port: number;
  host: string;
  dev: boolean;
  /** Serves the real-time endpoint at /collab on the same port. */
  collab?: UpgradeTarget;
  /** Extra plain HTTP routes answered before Next.js (e.g. /metrics). */
  routes?: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>>;
}

export interface RunningAppServer {
  server: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

// The collab path lives with the other facts of the collab wire, shared with the browser.
import { COLLAB_PATH } from '@/lib/collab/protocol';

/** Starts one HTTP server serving the Next.js app and, on /collab, the collaboration WebSocket. */
export async function startAppServer(opts: AppServerOptions): Promise<RunningAppServer> {
  const dir = path.resolve(__dirname, '..');
  const app = next({
    dev: opts.dev,
    dir,
    hostname: opts.host === '0.0.0.0' ? 'localhost' : opts.host,
    port: opts.port,
  });
  await app.prepare();
  const handle = app.getRequestHandler();

  const e = env();
  const { HTTP_MAX_BODY_BYTES: maxBodyBytes, TRUST_PROXY_HOPS: trustedHops } = e;
  const headerOptions = {
    dev: opts.dev,
    publicUrl: e.PUBLIC_URL ?? e.NEXTAUTH_URL,
    collabUrl: e.COLLAB_PUBLIC_URL,
  };
  // The build's hashed files, compressed once each (dev serves its own, changing, files).
  const assets = opts.dev ? null : staticAssets(path.join(dir, '.next'));
  const server = http.createServer((req, res) => {
    const verdict = checkRequest(req, maxBodyBytes);
    if (!verdict.ok) return refuseRequest(req, res, verdict.status, verdict.message);
    // Route handlers read the client address from here (rate limits); a client-sent copy is replaced.
    req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(
      req.socket.remoteAddress,
      req.headers['x-forwarded-for'],
      trustedHops,
    );
    applySecurityHeaders(req, res, headerOptions);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const route = opts.routes?.[pathname];
    const work = route
      ? route(req, res)
      : assets
        ? assets.serve(req, res).then((served) => (served ? undefined : handle(req, res)))
        : handle(req, res);
    Promise.resolve(work).catch((err) => {
      logger.error({ err, path: pathname }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Internal error' } }));
    });
  });

  applyKeepAlive(server);
  const dispatchUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (pathname === COLLAB_PATH || pathname.startsWith(COLLAB_PATH + '/')) {
      if (opts.collab) return opts.collab.handleUpgrade(req, socket, head);
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    // Dev hot reload has its own WebSocket, served by the listener Next.js adds on its first request.
    if (!opts.dev) socket.destroy();
  };
  if (opts.dev) server.on('upgrade', dispatchUpgrade);
  else ownUpgrades(server, dispatchUpgrade);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://localhost:${port}`;

  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    url,
    close: () =>
      (closing ??= (async () => {
        server.close();
        await opts.collab?.close();
        server.closeAllConnections();
        await app.close?.();
      })()),
  };
}
