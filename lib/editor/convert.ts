import type { JSONContent } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import type * as YType from 'yjs';
import { notesSchema } from './extensions';
import { jsonToMarkdown } from './markdown';
import { NOTES_FRAGMENT } from './schema-version';
import { Y } from './server-yjs';

// Server-side reading of the shared document: Y state → ProseMirror JSON → Markdown. The result is
// checked against the notes schema, so a node this version does not know can never slip through.
// (Writing notes into a document, for imports, lives in import-notes.ts.)

type Marks = NonNullable<JSONContent['marks']>;

function textToJSON(text: YType.XmlText): JSONContent[] {
  const out: JSONContent[] = [];
  for (const op of text.toDelta() as {
    insert: unknown;
    attributes?: Record<string, Record<string, unknown> | null>;
  }[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue;
    const marks: Marks = Object.entries(op.attributes ?? {}).map(([type, attrs]) =>
      attrs && Object.keys(attrs).length ? { type, attrs } : { type },
    );
    out.push(marks.length ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
  }
  return out;
}

function elementToJSON(el: YType.XmlElement): JSONContent {
  const attrs = el.getAttributes() as Record<string, unknown>;
  const content = childrenToJSON(el);
  return { type: el.nodeName, ...(Object.keys(attrs).length ? { attrs } : {}), ...(content.length ? { content } : {}) };
}

function childrenToJSON(parent: YType.XmlElement | YType.XmlFragment): JSONContent[] {
  const out: JSONContent[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) out.push(...textToJSON(child));
    else if (child instanceof Y.XmlElement) out.push(elementToJSON(child));
  }
  return out;
}

type AttrSpecs = Record<string, { default?: unknown }> | undefined;

function defaults(specs: AttrSpecs, attrs: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!specs) return attrs;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs))
    out[name] = attrs && name in attrs ? attrs[name] : (spec.default ?? null);
  return Object.keys(out).length ? out : undefined;
}

/** The JSON as nodeFromJSON(json).toJSON() would give it, or null when a node or mark is unknown. */
function withDefaults(schema: Schema, node: JSONContent): JSONContent | null {
  const type = node.type ? schema.nodes[node.type] : undefined;
  if (!type) return null;
  const out: JSONContent = { type: node.type };
  const attrs = defaults(type.spec.attrs as AttrSpecs, node.attrs);
  if (attrs) out.attrs = attrs;
  if (node.content) {
    const content: JSONContent[] = [];
    for (const child of node.content) {
      const c = withDefaults(schema, child);
      if (!c) return null;
      content.push(c);
    }
    if (content.length) out.content = content;
  }
  if (node.marks) {
    const marks = [];
    for (const m of node.marks) {
      const markType = schema.marks[m.type];
      if (!markType) return null;
      const markAttrs = defaults(markType.spec.attrs as AttrSpecs, m.attrs);
      marks.push(markAttrs ? { type: m.type, attrs: markAttrs } : { type: m.type });
    }
    out.marks = marks;
  }
  if (node.text !== undefined) out.text = node.text;
  return out;
}

/** The notes of a Y.Doc as ProseMirror JSON, normalized by the notes schema. */
export function yDocToJSON(doc: YType.Doc): JSONContent {
  const raw: JSONContent = { type: 'doc', content: childrenToJSON(doc.getXmlFragment(NOTES_FRAGMENT)) };
  const schema = notesSchema();
  // Exports convert many documents: when every node and mark is known, only the attributes'
  // defaults are added, instead of building and serializing a ProseMirror node tree.
  const known = withDefaults(schema, raw);
  if (known) return known;
  try {
    return schema.nodeFromJSON(raw).toJSON() as JSONContent;
  } catch {
    // Content from a newer schema: keep what this version understands.
    if (!raw.content?.length) return schema.topNodeType.createAndFill()!.toJSON() as JSONContent;
    const kept = raw.content.flatMap((n) => {
      try {
        return [schema.nodeFromJSON(n).toJSON() as JSONContent];
      } catch {
        return [];
      }
    });
    return (
      schema.topNodeType
        .createAndFill(
          null,
          kept.map((n) => schema.nodeFromJSON(n)),
        )
        ?.toJSON() ?? { type: 'doc', content: [] }
    );
  }
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
