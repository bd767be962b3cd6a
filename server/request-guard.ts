import type http from 'node:http';
import { isStorableString } from '@/lib/http/read-body';

// Checks every HTTP request gets before Next.js sees it. Next answers a malformed percent escape in
// the path (`/e/%E0%A4%A`) with a 500 and reads bodies of any size; both are the client's fault and
// cheap to spot here, so they get a 4xx and nothing is read.

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 413; message: string };

/** Whether the request path decodes to well-formed text without NUL. */
export function pathIsWellFormed(rawUrl: string): boolean {
  const pathname = rawUrl.split('?')[0] ?? '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return isStorableString(decoded);
}

/** The verdict for one request: a bad path is 400, a declared body over `maxBodyBytes` is 413. */
export function checkRequest(req: Pick<http.IncomingMessage, 'url' | 'headers'>, maxBodyBytes: number): GuardVerdict {
  if (!pathIsWellFormed(req.url ?? '/')) return { ok: false, status: 400, message: 'Malformed URL' };
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    if (!/^\d{1,15}$/.test(declared)) return { ok: false, status: 400, message: 'Content-Length is not a number' };
    if (Number(declared) > maxBodyBytes)
      return { ok: false, status: 413, message: `Request body is larger than ${maxBodyBytes} bytes` };
  }
  return { ok: true };
}

/** Answers a refused request; `connection: close` makes Node drop the socket instead of draining the body. */
export function refuseRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  message: string,
): void {
  const wantsJson = (req.url ?? '').startsWith('/api/');
  const body = wantsJson
    ? JSON.stringify({ error: { code: status === 413 ? 'payload_too_large' : 'bad_request', message } })
    : `${message}\n`;
  res.writeHead(status, {
    'content-type': wantsJson ? 'application/json' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    connection: 'close',
  });
  res.end(body);
}
