import type http from 'node:http';
import { env } from '@/lib/env';

/**
 * Node closes an idle keep-alive connection after 5 s. A client that reuses it at that moment
 * (browsers, API clients, a proxy's pool) gets ECONNRESET or a 502 for a request the server never
 * saw. Idle connections stay open longer than the clients and proxies in front usually keep them
 * (60 s is common), and headers may take a moment longer than that, as Node requires.
 */
export function applyKeepAlive(server: http.Server): void {
  const idle = env().HTTP_KEEP_ALIVE_TIMEOUT_MS;
  server.keepAliveTimeout = idle;
  server.headersTimeout = idle + 1000;
}
