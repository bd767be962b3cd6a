import type * as Y from 'yjs';

/**
 * Version of the notes document schema (node and mark types, their attributes). Bump it when a
 * change would make an older client drop or mangle content it does not know; older clients then
 * refuse to edit and ask for a reload (hocuspocus #598: unknown nodes are silently dropped).
 */
export const EDITOR_SCHEMA_VERSION = 1;

/** The Y.XmlFragment holding the ProseMirror document (Tiptap's Collaboration `field`). */
export const NOTES_FRAGMENT = 'default';

/** A Y.Map beside the fragment with document-level facts such as the schema version. */
export const NOTES_META = 'meta';

/** The meta field holding the schema version; the only meta field clients may set. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

/** The schema version recorded in the document, 0 when none was recorded yet. */
export function docSchemaVersion(doc: Y.Doc): number {
  const v = doc.getMap(NOTES_META).get(SCHEMA_VERSION_KEY);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** True when the document was written by a newer editor than this one: editing it could corrupt it. */
export function isDocNewerThanEditor(doc: Y.Doc, editorVersion = EDITOR_SCHEMA_VERSION): boolean {
  return docSchemaVersion(doc) > editorVersion;
}

/**
 * Records this editor's schema version in the document when it is newer than what is recorded.
 * Idempotent, so concurrent clients writing the same number converge.
 */
export function stampSchemaVersion(
  doc: Y.Doc,
  editorVersion = EDITOR_SCHEMA_VERSION,
  origin: unknown = 'schema-version',
): void {
  if (docSchemaVersion(doc) >= editorVersion) return;
  doc.transact(() => doc.getMap(NOTES_META).set(SCHEMA_VERSION_KEY, editorVersion), origin);
}
