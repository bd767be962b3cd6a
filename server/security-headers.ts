import crypto from 'node:crypto';
import type http from 'node:http';

// Response headers that limit what injected content could do: a Content-Security-Policy with a
// fresh nonce per page (Next.js reads the nonce from the request's CSP header and puts it on its
// own scripts; 'strict-dynamic' lets those load the rest), no framing, no referrer to other sites.

export interface SecurityHeaderOptions {
  dev: boolean;
  /** The public origin (PUBLIC_URL); HSTS and upgrade-insecure-requests when it is https. */
  publicUrl?: string;
  /** Where browsers open the collab WebSocket when it runs apart (COLLAB_PUBLIC_URL). */
  collabUrl?: string;
}

function origin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The page policy for one response; `nonce` is base64. */
export function contentSecurityPolicy(nonce: string, opts: SecurityHeaderOptions): string {
  const collab = origin(opts.collabUrl);
  const https = opts.publicUrl?.startsWith('https://') ?? false;
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    // ProseMirror and React set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${collab ? ` ${collab.replace(/^http/, 'ws')}` : ''}${opts.dev ? ' ws: wss:' : ''}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Headers every response gets, pages and API alike. */
export function commonSecurityHeaders(opts: SecurityHeaderOptions): Record<string, string> {
  return {
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(opts.publicUrl?.startsWith('https://')
      ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }
      : {}),
  };
}

/**
 * Sets the headers on `res` and, for pages, hands Next.js the nonce through the request's CSP
 * header (replacing any the client sent). API answers are JSON and get a policy that allows nothing.
 */
export function applySecurityHeaders(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  opts: SecurityHeaderOptions,
): void {
  for (const [k, v] of Object.entries(commonSecurityHeaders(opts))) res.setHeader(k, v);
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  delete req.headers['content-security-policy'];
  delete req.headers['content-security-policy-report-only'];
  if (pathname.startsWith('/api/')) {
    res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    return;
  }
  const policy = contentSecurityPolicy(crypto.randomBytes(16).toString('base64'), opts);
  req.headers['content-security-policy'] = policy;
  res.setHeader('content-security-policy', policy);
}
