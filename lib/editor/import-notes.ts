import type { JSONContent } from '@tiptap/core';
import type * as YType from 'yjs';
import { notesSchema } from './extensions';
import { markdownToNotes } from './notes-markdown';
import { newItemId, OUTLINE_ITEM_TYPES } from './outline';
import { EDITOR_SCHEMA_VERSION, NOTES_FRAGMENT, NOTES_META } from './schema-version';
import { Y } from './server-yjs';

// Turning Markdown or JSON into notes on the server (imports, seeds, tests), in the shape
// y-prosemirror uses: one Y.XmlElement per node named after its type with its non-null attrs as
// attributes, and one Y.XmlText per run of text with each mark as a formatting attribute.

function withItemIds(node: JSONContent): JSONContent {
  const isItem = (OUTLINE_ITEM_TYPES as readonly string[]).includes(node.type ?? '');
  return {
    ...node,
    ...(isItem
      ? { attrs: { ...node.attrs, id: typeof node.attrs?.id === 'string' ? node.attrs.id : newItemId() } }
      : {}),
    ...(node.content ? { content: node.content.map(withItemIds) } : {}),
  };
}

/** Markdown as notes JSON (validated against the schema). */
export function markdownToJSON(markdown: string): JSONContent {
  return withItemIds(markdownToNotes(markdown));
}

/** Appends notes JSON nodes to a fragment or element, inside the caller's transaction. */
export function writeChildren(parent: YType.XmlFragment | YType.XmlElement, content: JSONContent[]): void {
  const parts: { type: YType.XmlElement | YType.XmlText; fill: () => void }[] = [];
  for (let i = 0; i < content.length;) {
    if (content[i]!.type === 'text') {
      const runs: JSONContent[] = [];
      while (i < content.length && content[i]!.type === 'text') runs.push(content[i++]!);
      const text = new Y.XmlText();
      parts.push({
        type: text,
        fill: () => {
          for (const run of runs) {
            const attrs: Record<string, unknown> = {};
            for (const m of run.marks ?? []) attrs[m.type] = m.attrs ?? {};
            text.insert(text.length, run.text ?? '', attrs);
          }
        },
      });
    } else {
      const node = content[i++]!;
      const el = new Y.XmlElement(node.type ?? 'paragraph');
      parts.push({
        type: el,
        fill: () => {
          for (const [k, v] of Object.entries(node.attrs ?? {}))
            if (v !== null && v !== undefined) el.setAttribute(k, v as string);
          writeChildren(el, node.content ?? []);
        },
      });
    }
  }
  parent.insert(
    parent.length,
    parts.map((p) => p.type),
  );
  for (const p of parts) p.fill();
}

/**
 * A fresh Y state holding the given notes, to be sent through the collab server as an update of
 * an empty document (never merged into a document that has content: that would duplicate it).
 */
export function jsonToYState(json: JSONContent): Uint8Array {
  const normalized = notesSchema().nodeFromJSON(json).toJSON() as JSONContent;
  const doc = new Y.Doc();
  doc.transact(() => {
    writeChildren(doc.getXmlFragment(NOTES_FRAGMENT), normalized.content ?? []);
    doc.getMap(NOTES_META).set('schemaVersion', EDITOR_SCHEMA_VERSION);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
