import * as Y from 'yjs';
import { notesYjsRules, type NotesYjsRules } from '@/lib/editor/notes-yjs-rules';

export interface SchemaViolation {
  item: Y.Item;
  reason: string;
}

/**
 * Whether `update` is a Yjs update that can be applied without failing halfway: every struct, its
 * content and the delete set decode exactly as applying would read them, and no item refers to an
 * item of its own client that comes after it (Yjs trusts those references and throws on them
 * mid-integration; an honest client only refers to what existed when it wrote), and no deleted
 * range is empty. No document is
 * touched: an empty scratch Y.Doc checked less (an update's items mostly lack their neighbours
 * there, so Yjs only decoded and parked them) at a hundred times the cost.
 */
export function decodesAsUpdate(update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  // An empty deleted range, which Yjs never writes, makes it throw when it re-encodes what waits.
  for (const ranges of decoded.ds.clients.values()) if (ranges.some((r) => r.len <= 0)) return false;
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    const { client, clock } = s.id;
    if (s.origin && s.origin.client === client && s.origin.clock >= clock) return false;
    if (s.rightOrigin && s.rightOrigin.client === client && s.rightOrigin.clock >= clock) return false;
    const parent = s.parent as unknown;
    if (parent instanceof Y.ID && parent.client === client && parent.clock >= clock) return false;
  }
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * Checks what a transaction inserted into a notes document against the editor schema: only the
 * items new in the transaction are looked at, so the cost follows the size of the update, not of
 * the document. Each item is judged by itself and its parent (node names, where text may go,
 * attributes and their values, marks, the meta fields clients may set). How items are arranged
 * (a list left empty, an item without its first paragraph) is not judged: concurrent honest edits
 * produce such arrangements too, and the editor's binding repairs them.
 */
export class SchemaGuard {
  private readonly fragment: Y.XmlFragment;
  private readonly meta: Y.Map<unknown>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly rules: NotesYjsRules = notesYjsRules(),
  ) {
    // Typed here, before anything is applied, so the roots are never created as untyped types.
    this.fragment = doc.getXmlFragment(rules.fragment);
    this.meta = doc.getMap(rules.meta);
  }

  /** The items integrated so far in `tr` that break the rules (call inside the transaction). */
  check(tr: Y.Transaction): SchemaViolation[] {
    const out: SchemaViolation[] = [];
    for (const item of this.newItems(tr)) {
      if (item.deleted) continue;
      const reason = this.reason(item);
      if (reason) out.push({ item, reason });
    }
    return out;
  }

  /** Items of `client` in [from, to) that are new in `tr`. */
  *newItemsOf(tr: Y.Transaction, client: number, from = 0, to = Infinity): Generator<Y.Item> {
    const structs = this.doc.store.clients.get(client);
    if (!structs || structs.length === 0) return;
    const start = Math.max(from, tr.beforeState.get(client) ?? 0);
    const last = structs[structs.length - 1]!;
    if (last.id.clock + last.length <= start) return;
    for (let i = Y.findIndexSS(structs, start); i < structs.length; i++) {
      const s = structs[i]!;
      if (s.id.clock >= to) return;
      if (s instanceof Y.Item) yield s;
    }
  }

  private *newItems(tr: Y.Transaction): Generator<Y.Item> {
    for (const client of this.doc.store.clients.keys()) yield* this.newItemsOf(tr, client);
  }

  private reason(item: Y.Item): string | null {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return 'no parent';
    if (item.parentSub !== null) return this.keyReason(parent, item.parentSub, item.content);
    if (parent === this.fragment) return this.childReason(this.rules.topNode, item.content);
    if (parent instanceof Y.XmlElement) return this.childReason(parent.nodeName, item.content);
    if (parent instanceof Y.XmlText) return this.textReason(parent, item.content);
    return 'content outside the notes';
  }

  private childReason(nodeName: string, content: Y.Item['content']): string | null {
    const rule = this.rules.nodes.get(nodeName);
    if (!rule) return `content in unknown node ${nodeName}`;
    if (!(content instanceof Y.ContentType)) return `raw content in ${nodeName}`;
    const type = content.type;
    if (type instanceof Y.XmlText) return rule.allowsText ? null : `text in ${nodeName}`;
    if (type instanceof Y.XmlElement) {
      return rule.children.has(type.nodeName) ? null : `${type.nodeName.slice(0, 40)} in ${nodeName}`;
    }
    return `shared type in ${nodeName}`;
  }

  private textReason(text: Y.XmlText, content: Y.Item['content']): string | null {
    if (content instanceof Y.ContentString) return null;
    if (!(content instanceof Y.ContentFormat)) return 'embed in text';
    const host = text._item?.parent;
    const node = host instanceof Y.XmlElement ? this.rules.nodes.get(host.nodeName) : undefined;
    const key = content.key.slice(0, 40);
    if (!node || !node.marks.has(content.key)) return `mark ${key} not allowed here`;
    // null ends a formatted run.
    if (content.value === null) return null;
    if (!isPlainObject(content.value)) return `mark ${key} value`;
    const mark = this.rules.marks.get(content.key)!;
    for (const [attr, value] of Object.entries(content.value)) {
      if (!mark.attrs.get(attr)?.(value)) return `mark ${key} attribute ${attr.slice(0, 40)}`;
    }
    return null;
  }

  private keyReason(parent: Y.AbstractType<unknown>, key: string, content: Y.Item['content']): string | null {
    const values = content instanceof Y.ContentAny ? (content.arr as unknown[]) : null;
    if (parent === this.meta) {
      const rule = this.rules.metaFields.get(key);
      return rule && values?.length === 1 && rule(values[0]) ? null : `meta field ${key.slice(0, 40)}`;
    }
    if (parent instanceof Y.XmlElement) {
      const rule = this.rules.nodes.get(parent.nodeName)?.attrs.get(key);
      return rule && values && values.length > 0 && values.every(rule) ? null : `attribute ${key.slice(0, 40)}`;
    }
    return `key ${key.slice(0, 40)} outside the notes`;
  }
}
