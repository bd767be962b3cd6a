// Loads the clipboard's Markdown code (clipboard-markdown.ts) when someone is about to paste or
// copy, not with the editor: the notes page becomes editable sooner with ~35 KB less to parse.
// Clipboard handlers must answer synchronously, so callers use clipboardMarkdown() when it is
// there and fall back (paste: insert once loaded; copy: ProseMirror's plain text) when it is not.

import type * as ClipboardMarkdownModule from './clipboard-markdown';
import { loadLinkify } from './lazy-linkify';

type ClipboardMarkdown = typeof ClipboardMarkdownModule;

let loaded: ClipboardMarkdown | null = null;
let loading: Promise<ClipboardMarkdown> | null = null;

/** Starts loading (once) and resolves with the module. */
export function loadClipboardMarkdown(): Promise<ClipboardMarkdown> {
  loading ??= import('./clipboard-markdown').then(
    (m) => (loaded = m),
    (err: unknown) => {
      loading = null; // a failed chunk load (offline) may be tried again on the next paste
      throw err;
    },
  );
  return loading;
}

/** The module when it has loaded, else null. */
export function clipboardMarkdown(): ClipboardMarkdown | null {
  return loaded;
}

const preload = () => {
  void loadClipboardMarkdown().catch(() => undefined);
  void loadLinkify().catch(() => undefined);
  return false;
};

/**
 * ProseMirror DOM handlers that start the load when a paste or copy may follow: focus (editors)
 * and a pointer press (readers select text without focusing a read-only editor).
 */
export const loadMarkdownOnIntent = { focus: preload, pointerdown: preload };

/**
 * Loads the clipboard code when the page is next idle (the notes editor calls it once the server's
 * notes arrived, so it is not in the way of becoming editable), so a copy soon after opening gets
 * Markdown too. The editor's element then says `data-clipboard-markdown="ready"` (browser tests
 * wait for it).
 */
export function loadMarkdownWhenIdle(dom: HTMLElement): void {
  const mark = () => dom.setAttribute('data-clipboard-markdown', 'ready');
  const start = () => {
    void loadLinkify().catch(() => undefined);
    void loadClipboardMarkdown().then(mark, () => undefined);
  };
  // Without requestIdleCallback (older Safari, test DOMs) the focus or press above loads it.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
}
