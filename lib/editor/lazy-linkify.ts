// linkifyjs (~10 KB compressed) finds URLs for the link extension's autolink and link-on-paste.
// In the browser it is not in the editor's chunk: next.config.js points `linkifyjs` at
// lib/browser/linkifyjs-until-loaded.ts, which answers "no links" until the real module has loaded
// here (when the notes arrived and the page is idle, or at once on focus or a press, as the
// Markdown clipboard code). A paste that comes earlier is taken over by paste.ts and replayed once
// it has loaded, so a fast paste of a URL is still linked. On the server and in unit tests the
// link extension imports linkifyjs itself and nothing waits.

import type * as LinkifyModule from 'linkifyjs/dist/linkify.mjs';

/** What the link extension uses of linkifyjs. */
export type Linkify = Pick<typeof LinkifyModule, 'find' | 'tokenize' | 'reset' | 'registerCustomProtocol'>;

let deferred = false;
let loaded: Linkify | null = null;
let loading: Promise<Linkify> | null = null;

/** Called by the browser's stand-in module: the link extension finds links only once loaded. */
export function markLinkifyDeferred(): void {
  deferred = true;
}

/** The real module once it has loaded, else null. */
export function loadedLinkify(): Linkify | null {
  return loaded;
}

/** Whether the link extension can find links now (always, unless the browser defers linkifyjs). */
export function linkifyReady(): boolean {
  return !deferred || loaded !== null;
}

/** Starts loading (once) and resolves with the module. */
export function loadLinkify(): Promise<Linkify> {
  loading ??= import('linkifyjs/dist/linkify.mjs').then(
    (m: Linkify) => (loaded = m),
    (err: unknown) => {
      loading = null; // a failed chunk load (offline) may be tried again later
      throw err;
    },
  );
  return loading;
}
