import { AppError } from '@/lib/errors';

// Request bodies are read with a byte cap and parsed only when they fit: a declared length over
// the cap is refused before a byte is read, and a chunked body is cut off as soon as it passes it.
// Strings inside are checked too: a lone surrogate or a NUL cannot be stored by PostgreSQL and
// would otherwise surface as a 500 deep inside a use case.

/** Default cap on a JSON request body (API_MAX_BODY_BYTES overrides it). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (max: number) => new AppError('payload_too_large', `Request body is larger than ${max} bytes`);

/** Refuses a body whose declared Content-Length is over `maxBytes` (or not a number) without reading it. */
export function assertDeclaredLength(headers: Headers, maxBytes: number): void {
  const declared = headers.get('content-length');
  if (declared === null) return;
  if (!/^\d{1,15}$/.test(declared.trim())) throw new AppError('bad_request', 'Content-Length is not a number');
  if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
}

/** The body as UTF-8 text, reading at most `maxBytes`; invalid UTF-8 is a 400. */
export async function readTextCapped(req: Request, maxBytes: number): Promise<string> {
  assertDeclaredLength(req.headers, maxBytes);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError('bad_request', 'Body must be UTF-8');
  }
}

const LONE_SURROGATE_OR_NUL = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/;

/** Whether a string can be stored and shown: no lone surrogates, no NUL. */
export function isStorableString(s: string): boolean {
  return !LONE_SURROGATE_OR_NUL.test(s);
}

/**
 * Throws a 400 naming the first string (value or key) that cannot be stored. Iterative, so a
 * deeply nested body cannot overflow the stack.
 */
export function assertStorableStrings(value: unknown): void {
  const stack: Array<{ v: unknown; path: string }> = [{ v: value, path: '' }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableString(v))
        throw new AppError('bad_request', `${path || 'body'}: text contains invalid characters`, path || undefined);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: path ? `${path}.${i}` : String(i) }));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (!isStorableString(k)) throw new AppError('bad_request', 'A key in the body contains invalid characters');
        stack.push({ v: item, path: path ? `${path}.${k}` : k });
      }
    }
  }
}

/** Parses a capped JSON body; an empty body is `{}`. */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const text = await readTextCapped(req, maxBytes);
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'Body must be JSON');
  }
  assertStorableStrings(body);
  return body;
}
