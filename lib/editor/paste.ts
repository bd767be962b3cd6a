import { Extension } from '@tiptap/core';
import { DOMParser as PMDOMParser, Slice, type ResolvedPos } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { linkifyReady, loadLinkify } from './lazy-linkify';
import { clipboardMarkdown, loadClipboardMarkdown, loadMarkdownOnIntent } from './lazy-markdown';
import { looksLikeMarkdown } from './markdown-sniff';

// Pasting keeps the outline. Google Docs marks each item's depth with aria-level on flat lists,
// Etherpad with list-bullet<N> classes on one-item lists; both (and some others) also put a <ul>
// straight inside a <ul>. We rebuild proper nesting before ProseMirror parses the HTML.

const LIST_TAGS = new Set(['UL', 'OL']);

function explicitLevel(li: Element): number | null {
  const aria = Number(li.getAttribute('aria-level'));
  if (Number.isInteger(aria) && aria > 0) return aria;
  const cls = li.parentElement?.className ?? '';
  const m = /(?:^|\s)list-(?:bullet|indent|number)(\d+)(?:\s|$)/.exec(typeof cls === 'string' ? cls : '');
  return m ? Number(m[1]) : null;
}

/** Unwraps <div><ul>…</ul></div> (one list and nothing else) so runs of lists become siblings. */
function unwrapSingleListWrappers(root: Element): void {
  for (const list of Array.from(root.querySelectorAll('ul, ol'))) {
    const parent = list.parentElement;
    if (!parent || parent === root || !['DIV', 'P', 'SPAN'].includes(parent.tagName)) continue;
    const onlyChild = Array.from(parent.childNodes).every(
      (n) => n === list || (n.nodeType === 3 && !n.textContent?.trim()),
    );
    if (onlyChild) parent.replaceWith(list);
  }
}

/** Rebuilds nesting for runs of sibling lists whose items carry explicit levels. */
function nestLevelledLists(root: Element): void {
  const doc = root.ownerDocument;
  const containers = new Set<Element>();
  for (const li of Array.from(root.querySelectorAll('li'))) {
    if (explicitLevel(li) !== null && li.parentElement?.parentElement) containers.add(li.parentElement.parentElement);
  }
  for (const container of containers) {
    const children = Array.from(container.children);
    let run: { li: Element; level: number; tag: string }[] = [];
    const flush = (before: Element | null) => {
      if (run.length === 0) return;
      const stack: { list: Element; level: number; last: Element | null }[] = [];
      const tops: Element[] = [];
      for (const { li, level, tag } of run) {
        while (stack.length > 0 && stack[stack.length - 1]!.level > level) stack.pop();
        let top = stack[stack.length - 1];
        if (!top || top.level < level) {
          const list = doc.createElement(tag);
          if (top) {
            let host = top.last;
            if (!host) {
              host = doc.createElement('li');
              top.list.appendChild(host);
            }
            host.appendChild(list);
          } else tops.push(list);
          top = { list, level, last: null };
          stack.push(top);
        }
        top.list.appendChild(li);
        top.last = li;
      }
      for (const t of tops) container.insertBefore(t, before);
      run = [];
    };
    for (const child of children) {
      if (
        LIST_TAGS.has(child.tagName) &&
        Array.from(child.children).some((c) => c.tagName === 'LI' && explicitLevel(c) !== null)
      ) {
        const parentLevel =
          Array.from(child.children)
            .map((c) => explicitLevel(c))
            .find((l) => l !== null) ?? 1;
        // Items of this list and of lists placed straight inside it, in document order.
        const lis = Array.from(child.querySelectorAll('li')).filter((li) => {
          const outer = li.parentElement?.closest('li');
          return !outer || !child.contains(outer);
        });
        for (const li of lis) {
          let depth = 0;
          for (let p = li.parentElement; p && p !== child; p = p.parentElement) if (LIST_TAGS.has(p.tagName)) depth++;
          run.push({
            li,
            level: explicitLevel(li) ?? parentLevel + depth,
            tag: (li.parentElement?.tagName ?? 'UL').toLowerCase(),
          });
        }
        child.remove();
      } else {
        flush(child);
      }
    }
    flush(null);
  }
}

/** A list placed directly in a list belongs to the item before it. */
function adoptStrayLists(root: Element): void {
  for (const list of Array.from(root.querySelectorAll('ul > ul, ul > ol, ol > ul, ol > ol'))) {
    const prev = list.previousElementSibling;
    if (prev?.tagName === 'LI') prev.appendChild(list);
  }
}

/** GitHub/gist task items (`<li><input type=checkbox>`) become task items when a whole list is tasks. */
function convertCheckboxLists(root: Element): void {
  for (const list of Array.from(root.querySelectorAll('ul'))) {
    const items = Array.from(list.children).filter((c) => c.tagName === 'LI');
    const boxes = items.map((li) => {
      const first = li.firstElementChild;
      const box = first?.tagName === 'P' ? first.firstElementChild : first;
      return box?.tagName === 'INPUT' && box.getAttribute('type') === 'checkbox' ? box : null;
    });
    if (items.length === 0 || boxes.some((b) => !b)) continue;
    list.setAttribute('data-type', 'taskList');
    items.forEach((li, i) => {
      const box = boxes[i] as HTMLInputElement;
      li.setAttribute('data-type', 'taskItem');
      li.setAttribute('data-checked', box.hasAttribute('checked') || box.checked ? 'true' : 'false');
      box.remove();
    });
  }
}

/** Normalizes pasted HTML from Google Docs, Etherpad, gists and others into nested lists. */
export function normalizePastedHtml(html: string): string {
  if (typeof DOMParser === 'undefined') return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const root = doc.body;
  unwrapSingleListWrappers(root);
  nestLevelledLists(root);
  adoptStrayLists(root);
  convertCheckboxLists(root);
  return root.innerHTML;
}

/**
 * An open slice merges its first block into the line at the caret, so a leading `## heading`
 * pasted into a list item (or any paragraph) became plain text of that line: close the start so
 * the heading stays a heading, as a block of its own after the line.
 */
export function keepLeadingHeading(slice: Slice, parentType: string): Slice {
  const first = slice.content.firstChild;
  if (slice.openStart === 0 || first?.type.name !== 'heading' || parentType === 'heading') return slice;
  return new Slice(slice.content, 0, slice.openEnd);
}

function wantsMarkdown(text: string, $context: ResolvedPos, plain: boolean): boolean {
  return !plain && !$context.parent.type.spec.code && looksLikeMarkdown(text) && typeof DOMParser !== 'undefined';
}

/** Markdown text as a slice for the caret's place, a leading heading kept a heading. */
function markdownSlice(view: EditorView, text: string, $context: ResolvedPos, toHtml: (md: string) => string): Slice {
  const dom = new DOMParser().parseFromString(toHtml(text), 'text/html').body;
  const slice = PMDOMParser.fromSchema(view.state.schema).parseSlice(dom, {
    preserveWhitespace: false,
    context: $context,
  });
  return keepLeadingHeading(slice, $context.parent.type.name);
}

/**
 * A paste that arrives before the code it needs has loaded is taken over and done, as ProseMirror
 * would have, once it has: Markdown text needs the Markdown code (lazy-markdown.ts), and any paste
 * needs linkifyjs (lazy-linkify.ts) so that URLs in it are linked. If the Markdown code cannot load
 * (offline), the text goes in as it is; without linkifyjs the paste goes in without links.
 */
function pasteWhenLoaded(view: EditorView, event: ClipboardEvent): boolean {
  const data = event.clipboardData;
  const text = data?.getData('text/plain') ?? '';
  const html = data?.getData('text/html') ?? '';
  // ProseMirror pastes the text part alone when Shift is held (its own `plain`), else the HTML.
  const plain = (view as unknown as { input?: { shiftKey?: boolean } }).input?.shiftKey ?? false;
  const markdown = !!text && (!html || plain) && wantsMarkdown(text, view.state.selection.$from, plain);
  if (linkifyReady() && (!markdown || clipboardMarkdown())) return false; // nothing to wait for
  if (!data || (!text && !html) || (data.files?.length ?? 0) > 0) return false;
  const insert = (tr = view.state.tr) =>
    view.dispatch(tr.scrollIntoView().setMeta('paste', true).setMeta('uiEvent', 'paste'));
  const linkify = linkifyReady() ? null : loadLinkify().catch(() => undefined);
  if (markdown) {
    const loads = linkify
      ? Promise.all([loadClipboardMarkdown(), linkify]).then(([md]) => md)
      : loadClipboardMarkdown();
    void loads.then(
      (md) => {
        if (view.isDestroyed) return;
        const slice = markdownSlice(view, text, view.state.selection.$from, md.markdownToHtml);
        insert(view.state.tr.replaceSelection(slice));
      },
      () => !view.isDestroyed && insert(view.state.tr.insertText(text)),
    );
  } else {
    // Replayed through ProseMirror's own paste (handlers, paste rules); the clipboard's data is
    // gone once the event is over, so it was read above.
    void linkify?.then(() => {
      if (view.isDestroyed) return;
      if (html && !plain) view.pasteHTML(html);
      else view.pasteText(text);
    });
  }
  return true;
}

/** Paste handling for the notes editor: nested lists from HTML, Markdown from plain text. */
export const OutlinePaste = Extension.create({
  name: 'outlinePaste',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('outlinePaste'),
        props: {
          transformPastedHTML: (html) => normalizePastedHtml(html),
          clipboardTextParser: (text, $context, plain, view) => {
            const md = clipboardMarkdown();
            if (!md || !wantsMarkdown(text, $context, plain)) return null as never;
            return markdownSlice(view, text, $context, md.markdownToHtml);
          },
          handlePaste: (view, event) => pasteWhenLoaded(view, event),
          handleDOMEvents: loadMarkdownOnIntent,
        },
      }),
    ];
  },
});
