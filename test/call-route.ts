// Calls a Next.js route handler the way Next does: a real Request and a params promise. The
// handler, its use case and the database are all real; only the HTTP listener is skipped.

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  cookie?: string;
  bearer?: string;
  query?: Record<string, string>;
}

export async function callRoute<P extends object>(
  handler: Handler<P>,
  method: string,
  params: P,
  opts: CallOptions = {},
) {
  const headers = new Headers();
  if (opts.cookie) headers.set('cookie', opts.cookie);
  if (opts.bearer) headers.set('authorization', `Bearer ${opts.bearer}`);
  const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
  if (hasBody) headers.set('content-type', 'application/json');
  const url = new URL('http://localhost:3000/api/test');
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const req = new Request(url, {
    method,
    headers,
    body: hasBody ? (opts.rawBody ?? JSON.stringify(opts.body)) : undefined,
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  const json = text
    ? (JSON.parse(text) as Record<string, unknown> & { error?: { code: string; message: string; field?: string } })
    : null;
  return { status: res.status, json };
}
