// Where to send the browser after sign-in. The value arrives in a query string, so anyone can
// craft it: only a path on this site may come out, judged by the WHATWG URL parser (the one the
// browser uses) rather than by string prefixes, which `/\evil.example` and `/<TAB>/evil` defeat.

const PROBE_ORIGIN = 'https://hallway.invalid';
const DEFAULT_TARGET = '/events';

/** A same-origin path (with query and hash) to return to, or the fallback when `raw` is anything else. */
export function safeCallbackPath(raw: string | string[] | null | undefined, fallback = DEFAULT_TARGET): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048 || !raw.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse to `//host` after parsing: that would leave the site when followed.
  if (path.startsWith('//') || path.startsWith('/\\')) return fallback;
  return path;
}

/**
 * next-auth's redirect check: relative paths and absolute URLs of our own origin are kept (as
 * paths re-checked above); anything else goes to the base URL.
 */
export function safeAuthRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  if (url.startsWith('/')) return `${base.origin}${safeCallbackPath(url)}`;
  try {
    const target = new URL(url);
    if (target.origin === base.origin)
      return `${base.origin}${safeCallbackPath(`${target.pathname}${target.search}${target.hash}`)}`;
  } catch {
    // not a URL: fall through
  }
  return baseUrl;
}
