import type { JSONContent } from '@tiptap/core';
import { generateJSON } from '@tiptap/html';
import { prosemirrorJSONToYDoc, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { notesExtensions, notesSchema } from './extensions';
import { jsonToMarkdown, markdownToHtml } from './markdown';
import { newItemId, OUTLINE_ITEM_TYPES } from './outline';
import { EDITOR_SCHEMA_VERSION, NOTES_FRAGMENT, NOTES_META } from './schema-version';

// Server-side conversions between the shared document and its other shapes. Everything goes
// through the notes schema, so a node the schema does not know can never slip through.

/** The notes of a Y.Doc as ProseMirror JSON. */
export function yDocToJSON(doc: Y.Doc): JSONContent {
  return yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(NOTES_FRAGMENT), notesSchema()).toJSON() as JSONContent;
}

/** The notes of an encoded Y state (Y.encodeStateAsUpdate) as ProseMirror JSON. */
export function yStateToJSON(state: Uint8Array): JSONContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return yDocToJSON(doc);
  } finally {
    doc.destroy();
  }
}

/** The notes of an encoded Y state as Markdown. */
export function yStateToMarkdown(state: Uint8Array): string {
  return jsonToMarkdown(yStateToJSON(state));
}

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
