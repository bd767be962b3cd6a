import type { JSONContent } from '@tiptap/core';

/**
 * A document's outline as nested arrays of texts, ignoring marks and ids: an item with children
 * is [text, [children…]]. Tests compare structure with it.
 */
export function outlineShape(n: JSONContent): unknown {
  if (n.type === 'bulletList' || n.type === 'taskList' || n.type === 'orderedList')
    return (n.content ?? []).map(outlineShape);
  if (n.type === 'listItem' || n.type === 'taskItem') {
    const [p, ...rest] = n.content ?? [];
    const text = (p?.content ?? []).map((t) => t.text).join('');
    return rest.length ? [text, ...rest.map(outlineShape)] : text;
  }
  return (n.content ?? []).map(outlineShape);
}
