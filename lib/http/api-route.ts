import { z } from 'zod';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { actorFromHeaders, BadCredentials, type CurrentUser } from '@/lib/auth/current-actor';
import { assertDeclaredLength, isStorableString, readJsonBody } from './read-body';

/** What every API handler receives: the request, its route params and who is asking. */
export interface ApiContext<P> {
  req: Request;
  params: P;
  actor: CurrentUser | null;
}

export interface ApiRouteOptions {
  /** Largest body this route reads; defaults to API_MAX_BODY_BYTES. Pass the same to readBody. */
  maxBodyBytes?: number;
}

export function errorResponse(
  status: number,
  code: string,
  message: string,
  field?: string,
  headers?: Record<string, string>,
): Response {
  return Response.json(
    { error: { code, message, ...(field ? { field } : {}) } },
    { status, headers: { 'cache-control': 'no-store', ...headers } },
  );
}

/** Maps thrown errors to the API's JSON error shape; unexpected ones become a logged 500. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const headers = err.retryAfterS ? { 'retry-after': String(err.retryAfterS) } : undefined;
    return errorResponse(err.status, err.code, err.message, err.field, headers);
  }
  if (err instanceof BadCredentials) return errorResponse(401, 'unauthenticated', err.message);
  if (err instanceof z.ZodError) {
    const issue = err.issues[0];
    const field = issue?.path.join('.') || undefined;
    return errorResponse(
      400,
      'bad_request',
      issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Invalid input',
      field,
    );
  }
  logger.error({ err }, 'unhandled API error');
  return errorResponse(500, 'internal', 'Something went wrong on our side');
}

/** Route params and query values that PostgreSQL could not store (lone surrogates, NUL) are bad input. */
function assertStorableRequestText(req: Request, params: unknown): void {
  const values: unknown[] = params && typeof params === 'object' ? Object.values(params) : [];
  for (const v of values.flat()) {
    if (typeof v === 'string' && !isStorableString(v))
      throw new AppError('bad_request', 'The URL contains invalid characters');
  }
  for (const [k, v] of new URL(req.url).searchParams) {
    if (!isStorableString(k) || !isStorableString(v))
      throw new AppError('bad_request', 'The query contains invalid characters');
  }
}

/**
 * Wraps a route handler: refuses oversized bodies before anything else, resolves the actor
 * (cookie or Bearer token), awaits params and turns errors into JSON. Handlers return a Response
 * or a plain object (sent as 200 JSON).
 */
export function apiRoute<P = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<Response | object>,
  opts: ApiRouteOptions = {},
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      if (!SAFE_METHODS.has(req.method) && carriesJson(req.headers))
        assertDeclaredLength(req.headers, opts.maxBodyBytes ?? env().API_MAX_BODY_BYTES);
      const params = (await route?.params) ?? ({} as P);
      assertStorableRequestText(req, params);
      assertSameOrigin(req);
      const actor = await actorFromHeaders(req.headers);
      const out = await handler({ req, params, actor });
      return out instanceof Response ? out : Response.json(out, { headers: { 'cache-control': 'no-store' } });
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

/**
 * The JSON body, parsed but not validated: the use case in lib/ validates it with its schema.
 * At most `maxBytes` (API_MAX_BODY_BYTES) are read (413 beyond); strings that cannot be stored are a 400.
 */
export async function readBody(req: Request, opts: { maxBytes?: number } = {}): Promise<unknown> {
  return readJsonBody(req, opts.maxBytes ?? env().API_MAX_BODY_BYTES);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * JSON (or untyped) bodies are capped at API_MAX_BODY_BYTES before anything else runs. Routes that
 * take other media (Markdown imports) read them with their own limits; the server's
 * HTTP_MAX_BODY_BYTES still bounds them before Next.js.
 */
function carriesJson(headers: Headers): boolean {
  const type = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return type === '' || type === 'application/json' || type.endsWith('+json');
}

/**
 * Cookie-authenticated writes must come from our own pages: a browser always sends Origin on
 * cross-site POSTs, so one naming another host is refused (defence in depth beside SameSite=Lax).
 * Bearer-token callers are scripts and carry no ambient credentials, so they are exempt.
 */
function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method) || req.headers.get('authorization')) return;
  const origin = req.headers.get('origin');
  if (!origin || (origin === 'null' && !req.headers.get('cookie'))) return;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!host || originHost !== host) throw new AppError('forbidden', 'Cross-site request refused');
}

/** Parses a JSON body with a schema; a body that is not JSON is a 400 like any other bad input. */
export async function readJson<T extends z.ZodType>(
  req: Request,
  schema: T,
  opts: { maxBytes?: number } = {},
): Promise<z.infer<T>> {
  return schema.parse(await readBody(req, opts));
}

export function requireActor(actor: CurrentUser | null): CurrentUser {
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  return actor;
}

export function created(body: object): Response {
  return Response.json(body, { status: 201, headers: { 'cache-control': 'no-store' } });
}
