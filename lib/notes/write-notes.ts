import type { JSONContent } from '@tiptap/core';
import type * as YType from 'yjs';
import { writeChildren } from '@/lib/editor/import-notes';
import { NOTES_FRAGMENT, stampSchemaVersion } from '@/lib/editor/schema-version';
import { hasNotes } from '@/lib/export/markdown-document';
import { yDocToJSON } from '@/lib/editor/convert';

export type ImportMode = 'replace' | 'append';

/**
 * Puts notes into a synced document, inside the caller's transaction: replace empties the
 * document first; append adds after what is there (an empty document is simply filled).
 */
export function writeNotesInto(doc: YType.Doc, notes: JSONContent, mode: ImportMode): void {
  const fragment = doc.getXmlFragment(NOTES_FRAGMENT);
  if (mode === 'replace' || !hasNotes(yDocToJSON(doc))) fragment.delete(0, fragment.length);
  writeChildren(fragment, notes.content ?? []);
  stampSchemaVersion(doc, undefined, 'import');
}
