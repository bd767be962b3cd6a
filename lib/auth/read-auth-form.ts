import { AppError } from '@/lib/errors';
import { assertStorableStrings, readTextCapped } from '@/lib/http/read-body';

/** Sign-in forms are a few hundred bytes; nothing larger is read. */
export const AUTH_MAX_BODY_BYTES = 16 * 1024;

/** The body of a POST to next-auth, capped and checked (valid JSON or form, storable strings). */
export async function readAuthForm(
  req: Request,
): Promise<{ text: string; values: Record<string, string | undefined> }> {
  const text = await readTextCapped(req, AUTH_MAX_BODY_BYTES);
  const type = req.headers.get('content-type') ?? '';
  let values: unknown;
  if (type.includes('application/json')) {
    try {
      values = JSON.parse(text || '{}');
    } catch {
      throw new AppError('bad_request', 'Body must be JSON');
    }
  } else {
    values = Object.fromEntries(new URLSearchParams(text));
  }
  assertStorableStrings(values);
  const flat: Record<string, string | undefined> = {};
  if (values && typeof values === 'object') {
    for (const [k, v] of Object.entries(values)) if (typeof v === 'string') flat[k] = v;
  }
  return { text, values: flat };
}
