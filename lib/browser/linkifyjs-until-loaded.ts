// The browser's `linkifyjs` (next.config.js, turbopack.resolveAlias): the four functions
// @tiptap/extension-link uses, answering "no links" until lib/editor/lazy-linkify.ts has loaded
// the real module, then passing through. Why: see lazy-linkify.ts.
import { loadedLinkify, markLinkifyDeferred, type Linkify } from '@/lib/editor/lazy-linkify';

markLinkifyDeferred();

export function find(...args: Parameters<Linkify['find']>): ReturnType<Linkify['find']> {
  return loadedLinkify()?.find(...args) ?? [];
}

export function tokenize(str: string): ReturnType<Linkify['tokenize']> {
  return loadedLinkify()?.tokenize(str) ?? [];
}

/** Resets the real module; before it loads there is nothing to reset (its state starts fresh). */
export function reset(): void {
  loadedLinkify()?.reset();
}

export function registerCustomProtocol(scheme: string, optionalSlashes?: boolean): void {
  // The notes register no custom protocols; one registered before the module loads would be lost.
  const linkify = loadedLinkify();
  if (!linkify) throw new Error('linkifyjs is not loaded yet: register protocols after loadLinkify()');
  linkify.registerCustomProtocol(scheme, optionalSlashes);
}
