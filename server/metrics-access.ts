import crypto from 'node:crypto';
import type http from 'node:http';
import { env } from '@/lib/env';

// /metrics names documents, counts users and shows load: private by default. With METRICS_TOKEN
// set it needs `Authorization: Bearer <token>`; without it, it answers 404 unless METRICS_PUBLIC=1
// says the network in front keeps it private.

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

/** Compares in time independent of where the strings differ (both are hashed to one length first). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Whether this request may read the metrics. */
export function metricsAllowed(
  authorization: string | undefined,
  token: string | undefined,
  publicMetrics: boolean,
): 'ok' | 'hidden' | 'unauthorized' {
  if (!token) return publicMetrics ? 'ok' : 'hidden';
  const m = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  return m?.[1] && tokensEqual(m[1].trim(), token) ? 'ok' : 'unauthorized';
}

/** Wraps the metrics handler with the check above. */
export function guardMetrics(handler: Route): Route {
  return (req, res) => {
    const e = env();
    const verdict = metricsAllowed(req.headers.authorization, e.METRICS_TOKEN, e.METRICS_PUBLIC === '1');
    if (verdict === 'ok') return handler(req, res);
    if (verdict === 'hidden') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('unauthorized\n');
  };
}
