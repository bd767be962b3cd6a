import type { JSONContent } from '@tiptap/core';
import { generateJSON } from '@tiptap/html';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { notesExtensions, notesSchema } from './extensions';
import { markdownToHtml } from './markdown';
import { newItemId, OUTLINE_ITEM_TYPES } from './outline';
import { EDITOR_SCHEMA_VERSION, NOTES_FRAGMENT, NOTES_META } from './schema-version';

// Turning Markdown into notes for imports (CLI, tests). Not for the Next.js server bundle: it
// loads Yjs through ESM (see server-yjs.ts).

function withItemIds(node: JSONContent): JSONContent {
  const isItem = (OUTLINE_ITEM_TYPES as readonly string[]).includes(node.type ?? '');
  return {
    ...node,
    ...(isItem ? { attrs: { ...node.attrs, id: typeof node.attrs?.id === 'string' ? node.attrs.id : newItemId() } } : {}),
    ...(node.content ? { content: node.content.map(withItemIds) } : {}),
  };
}

/** Markdown as notes JSON (validated against the schema). */
export function markdownToJSON(markdown: string): JSONContent {
  return withItemIds(notesSchema().nodeFromJSON(generateJSON(markdownToHtml(markdown), notesExtensions())).toJSON() as JSONContent);
}

/**
 * A fresh Y state holding the given notes, to be sent through the collab server as an update of
 * an empty document (never merged into a document that has content: that would duplicate it).
 */
export function jsonToYState(json: JSONContent): Uint8Array {
  const doc = prosemirrorJSONToYDoc(notesSchema(), json, NOTES_FRAGMENT);
  doc.getMap(NOTES_META).set('schemaVersion', EDITOR_SCHEMA_VERSION);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
