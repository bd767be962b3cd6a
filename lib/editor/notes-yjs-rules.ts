import type { MarkType, NodeType, Schema } from '@tiptap/pm/model';
import { HEADING_LEVELS, isSafeHref, notesSchema } from './extensions';
import { EDITOR_SCHEMA_VERSION, NOTES_FRAGMENT, NOTES_META, SCHEMA_VERSION_KEY } from './schema-version';

// What a shared notes document may hold, derived from the editor's own ProseMirror schema so the
// collab server checks against the very extension list the browser edits with. A client update is
// refused when it inserts anything these rules do not allow.

/** Checks one attribute value as the browser's editor (y-tiptap) would store it. */
export type ValueRule = (value: unknown) => boolean;

export interface NodeRule {
  /** Node type names that may appear anywhere in this node's content expression. */
  children: ReadonlySet<string>;
  /** Text (Y.XmlText) may appear inside. */
  allowsText: boolean;
  /** Marks (Y.XmlText formatting keys) allowed on text inside. */
  marks: ReadonlySet<string>;
  attrs: ReadonlyMap<string, ValueRule>;
}

export interface MarkRule {
  attrs: ReadonlyMap<string, ValueRule>;
}

export interface NotesYjsRules {
  fragment: string;
  meta: string;
  /** The node type of the root fragment (ProseMirror's top node). */
  topNode: string;
  nodes: ReadonlyMap<string, NodeRule>;
  marks: ReadonlyMap<string, MarkRule>;
  /** The fields of the meta map a client may set, with the values it may set them to. */
  metaFields: ReadonlyMap<string, ValueRule>;
}

const itemId: ValueRule = (v) => typeof v === 'string' && /^[\w-]{1,64}$/.test(v);

/**
 * Every attribute of every node and mark in the schema with the values clients may store. A
 * schema attribute missing here makes notesYjsRules() throw, so adding an extension forces a
 * decision about what its attributes may hold (a class or style smuggled in is how a member
 * would cover the page for everyone).
 */
const ATTRIBUTE_RULES: Record<string, ValueRule> = {
  'listItem.id': itemId,
  'taskItem.id': itemId,
  'taskItem.checked': (v) => typeof v === 'boolean',
  'heading.level': (v) => typeof v === 'number' && (HEADING_LEVELS as readonly number[]).includes(v),
  'orderedList.start': (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e9,
  'orderedList.type': (v) => typeof v === 'string' && /^[1aAiI]$/.test(v),
  'codeBlock.language': (v) => typeof v === 'string' && /^[\w+#.-]{1,32}$/.test(v),
  'link.href': (v) => typeof v === 'string' && v.length <= 2048 && isSafeHref(v),
};

function attrRules(type: NodeType | MarkType): Map<string, ValueRule> {
  const rules = new Map<string, ValueRule>();
  for (const name of Object.keys(type.spec.attrs ?? {})) {
    const rule = ATTRIBUTE_RULES[`${type.name}.${name}`];
    if (!rule) throw new Error(`notes schema attribute ${type.name}.${name} has no value rule in notes-yjs-rules.ts`);
    rules.set(name, rule);
  }
  return rules;
}

/** Node types reachable in a node type's content expression. */
function childTypes(type: NodeType): Set<string> {
  const seen = new Set<unknown>();
  const names = new Set<string>();
  const queue = [type.contentMatch];
  while (queue.length > 0) {
    const match = queue.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      names.add(edge.type.name);
      queue.push(edge.next);
    }
  }
  return names;
}

export function buildNotesYjsRules(schema: Schema): NotesYjsRules {
  const marks = new Map<string, MarkRule>();
  for (const mark of Object.values(schema.marks)) marks.set(mark.name, { attrs: attrRules(mark) });
  const nodes = new Map<string, NodeRule>();
  for (const node of Object.values(schema.nodes)) {
    if (node.isText) continue;
    const children = childTypes(node);
    nodes.set(node.name, {
      children,
      allowsText: children.has('text'),
      marks: new Set(
        Object.values(schema.marks)
          .filter((m) => node.allowsMarkType(m))
          .map((m) => m.name),
      ),
      attrs: attrRules(node),
    });
  }
  const metaFields = new Map<string, ValueRule>([
    // A client stamps the version it edits with; a higher number would lock every older editor out.
    [SCHEMA_VERSION_KEY, (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= EDITOR_SCHEMA_VERSION],
  ]);
  return { fragment: NOTES_FRAGMENT, meta: NOTES_META, topNode: schema.topNodeType.name, nodes, marks, metaFields };
}

let rules: NotesYjsRules | null = null;

/** The rules of the notes schema (cached). */
export function notesYjsRules(): NotesYjsRules {
  return (rules ??= buildNotesYjsRules(notesSchema()));
}
