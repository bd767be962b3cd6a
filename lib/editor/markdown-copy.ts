import { Extension, type JSONContent } from '@tiptap/core';
import type { Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { clipboardMarkdown, loadMarkdownOnIntent } from './lazy-markdown';

const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);

/** Text within a single line: the plain text, no block syntax around it. */
function singleLineText(slice: Slice): string | null {
  let fragment = slice.content;
  for (let depth = 0; fragment.childCount === 1 && depth < Math.min(slice.openStart, slice.openEnd); depth++) {
    const only = fragment.firstChild!;
    if (only.isTextblock) return only.textContent;
    fragment = only.content;
  }
  return null;
}

/**
 * A selection that starts inside a nested item arrives wrapped in the items above it, with their
 * own lines left out. Those wrappers become indentation, so the copy keeps each line's depth.
 */
function sliceToMarkdown(nodes: JSONContent[], notesToMarkdown: (doc: JSONContent) => string): string {
  const [first, ...others] = nodes;
  const [wrapper, ...siblings] = first?.content ?? [];
  if (!first || !LISTS.has(first.type ?? '') || !wrapper || !LISTS.has(wrapper.content?.[0]?.type ?? '')) {
    return notesToMarkdown({ type: 'doc', content: nodes }).replace(/\n$/, '');
  }
  const inner = sliceToMarkdown(wrapper.content ?? [], notesToMarkdown).replace(/^(?=.)/gm, '  ');
  const rest = siblings.length ? [{ ...first, content: siblings }, ...others] : others;
  return rest.length ? `${inner}\n${sliceToMarkdown(rest, notesToMarkdown)}` : inner;
}

/**
 * Copying puts Markdown on the clipboard as its text/plain part (the HTML part stays), written by
 * the same serializer as the export, so a paste into a plain text field keeps the outline. The
 * serializer loads when the page is idle after the notes arrived, or at once when the editor is
 * focused or pressed (lazy-markdown.ts); a copy before that gets ProseMirror's plain text (an
 * empty answer means "use yours").
 */
export const MarkdownCopy = Extension.create({
  name: 'markdownCopy',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('markdownCopy'),
        props: {
          clipboardTextSerializer: (slice) => {
            const md = clipboardMarkdown();
            const nodes = (slice.content.toJSON() as JSONContent[] | null) ?? [];
            return singleLineText(slice) ?? (md ? sliceToMarkdown(nodes, md.notesToMarkdown) : '');
          },
          handleDOMEvents: loadMarkdownOnIntent,
        },
      }),
    ];
  },
});
