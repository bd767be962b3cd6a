import type { JSONContent } from '@tiptap/core';
import type * as YType from 'yjs';
import { writeChildren } from '@/lib/editor/import-notes';
import { NOTES_FRAGMENT, stampSchemaVersion } from '@/lib/editor/schema-version';
import { hasNotes } from '@/lib/export/markdown-document';
import { yDocToJSON } from '@/lib/editor/convert';
import { Y } from '@/lib/editor/server-yjs';

const LISTS = new Set(['bulletList', 'taskList', 'orderedList']);

export type ImportMode = 'replace' | 'append';

/**
 * Puts notes into a synced document, inside the caller's transaction: replace empties the
 * document first; append adds after what is there (an empty document is simply filled).
 */
export function writeNotesInto(doc: YType.Doc, notes: JSONContent, mode: ImportMode): void {
  const fragment = doc.getXmlFragment(NOTES_FRAGMENT);
  if (mode === 'replace' || !hasNotes(yDocToJSON(doc))) fragment.delete(0, fragment.length);
  const [first, ...rest] = notes.content ?? [];
  const last = fragment.length ? fragment.get(fragment.length - 1) : null;
  // Appended bullets continue the outline's last list rather than starting a list of their own.
  if (first && last instanceof Y.XmlElement && LISTS.has(last.nodeName) && last.nodeName === first.type) {
    writeChildren(last, first.content ?? []);
    writeChildren(fragment, rest);
  } else writeChildren(fragment, notes.content ?? []);
  stampSchemaVersion(doc, undefined, 'import');
}
