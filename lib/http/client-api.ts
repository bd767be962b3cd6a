// Browser-side calls to our JSON API, returning data or a readable error (with the failing field).

export interface ApiFailure {
  ok: false;
  status: number;
  message: string;
  field?: string;
}
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

export async function callApi<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, message: 'Could not reach the server. Check your connection and try again.' };
  }
  if (res.status === 204) return { ok: true, data: undefined as T };
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; field?: string } } | null;
  if (!res.ok)
    return {
      ok: false,
      status: res.status,
      message: body?.error?.message ?? `Request failed (${res.status})`,
      field: body?.error?.field,
    };
  return { ok: true, data: body as T };
}
