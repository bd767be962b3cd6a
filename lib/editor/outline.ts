import { Extension } from '@tiptap/core';
import { Fragment, type Node as PMNode, type ResolvedPos } from '@tiptap/pm/model';
import { Plugin, PluginKey, Selection, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { liftListItem, sinkListItem } from '@tiptap/pm/schema-list';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

// Outline behaviour on top of Tiptap's lists: Workflowy-style keys, a stable id per item (so the
// per-person fold state survives remote edits that rebuild the document) and folding.

export const OUTLINE_ITEM_TYPES = ['listItem', 'taskItem'] as const;
const ITEM_TYPES: ReadonlySet<string> = new Set(OUTLINE_ITEM_TYPES);
const LIST_TYPES: ReadonlySet<string> = new Set(['bulletList', 'orderedList', 'taskList']);

type Dispatch = ((tr: Transaction) => void) | undefined;
/** A ProseMirror command, usable from key bindings, tests and the toolbar alike. */
export type OutlineCommand = (state: EditorState, dispatch?: Dispatch) => boolean;

export function isOutlineItem(node: PMNode | null | undefined): boolean {
  return !!node && ITEM_TYPES.has(node.type.name);
}

function hasChildList(node: PMNode): boolean {
  let found = false;
  node.forEach((child, _offset, index) => {
    if (index > 0 && LIST_TYPES.has(child.type.name)) found = true;
  });
  return found;
}

interface FoundItem {
  node: PMNode;
  depth: number;
}

/** The innermost list item around a position. */
export function findItem($pos: ResolvedPos): FoundItem | null {
  for (let d = $pos.depth; d > 0; d--) {
    const node = $pos.node(d);
    if (isOutlineItem(node)) return { node, depth: d };
  }
  return null;
}

/** Random, short, collision-unlikely id for a list item. */
export function newItemId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

/** Tab: make the item a child of its previous sibling (with its own children). */
export const indentItem: OutlineCommand = (state, dispatch) => {
  const item = findItem(state.selection.$from);
  if (!item) return false;
  sinkListItem(item.node.type)(state, dispatch);
  return true; // Tab never leaves the editor from inside a list
};

/** Shift-Tab: move a nested item one level out; a top-level item stays a bullet. */
export const outdentItem: OutlineCommand = (state, dispatch) => {
  const { $from } = state.selection;
  const item = findItem($from);
  if (!item) return false;
  const nested = item.depth >= 3 && isOutlineItem($from.node(item.depth - 2));
  if (nested) liftListItem(item.node.type)(state, dispatch);
  return true;
};

/** Alt+↑ / Alt+↓: swap the item (with its children) with its previous / next sibling. */
export function moveItem(dir: -1 | 1): OutlineCommand {
  return (state, dispatch) => {
    const { $from, from, to } = state.selection;
    const item = findItem($from);
    if (!item) return false;
    const listDepth = item.depth - 1;
    const list = $from.node(listDepth);
    const index = $from.index(listDepth);
    const target = index + dir;
    if (target < 0 || target >= list.childCount) return true;
    if (dispatch) {
      const start = $from.before(item.depth);
      const end = $from.after(item.depth);
      const other = list.child(target);
      const tr = state.tr;
      let shift: number;
      if (dir < 0) {
        tr.replaceWith(start - other.nodeSize, end, Fragment.fromArray([item.node, other]));
        shift = -other.nodeSize;
      } else {
        tr.replaceWith(start, end + other.nodeSize, Fragment.fromArray([other, item.node]));
        shift = other.nodeSize;
      }
      const newTo = to <= end ? to + shift : from + shift;
      tr.setSelection(TextSelection.create(tr.doc, from + shift, newTo));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

/**
 * Backspace at the start of an empty item: a nested item moves one level out; a top-level one
 * is removed and the caret joins the end of the previous item. Anything else: default handling.
 */
export const backspaceEmptyItem: OutlineCommand = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parentOffset !== 0) return false;
  const item = findItem($from);
  if (!item || $from.depth !== item.depth + 1 || $from.index(item.depth) !== 0) return false;
  if ($from.parent.content.size !== 0 || item.node.childCount !== 1) return false;
  const listDepth = item.depth - 1;
  const nested = listDepth > 1 && isOutlineItem($from.node(listDepth - 1));
  if (nested || $from.index(listDepth) === 0) return liftListItem(item.node.type)(state, dispatch);
  if (dispatch) {
    const start = $from.before(item.depth);
    const tr = state.tr.delete(start, $from.after(item.depth));
    tr.setSelection(Selection.near(tr.doc.resolve(start), -1));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/**
 * Enter at the end of a folded item adds a sibling after it (with the children staying hidden
 * under it) instead of splitting, which would hand the hidden children to the new item.
 */
export const enterAfterFoldedItem: OutlineCommand = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty) return false;
  const item = findItem($from);
  if (
    !item ||
    $from.depth !== item.depth + 1 ||
    $from.index(item.depth) !== 0 ||
    $from.parentOffset !== $from.parent.content.size
  )
    return false;
  const id = item.node.attrs.id as unknown;
  if (typeof id !== 'string' || !foldPluginKey.getState(state)?.folded.has(id) || !hasChildList(item.node))
    return false;
  const para = state.schema.nodes.paragraph;
  const sibling = item.node.type.createAndFill(
    item.node.type.name === 'taskItem' ? { checked: false } : null,
    para ? [para.create()] : undefined,
  );
  if (!sibling) return false;
  if (dispatch) {
    const after = $from.after(item.depth);
    const tr = state.tr.insert(after, sibling);
    tr.setSelection(TextSelection.create(tr.doc, after + 2));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

// ---- Folding: which items are folded is this person's business, kept outside the shared doc.

export interface FoldState {
  folded: ReadonlySet<string>;
}
type FoldMeta = { toggle: string } | { set: string[] };

export const foldPluginKey = new PluginKey<FoldState>('outlineFold');

/** The ids of the items folded in this editor. */
export function foldedItemIds(state: EditorState): string[] {
  return [...(foldPluginKey.getState(state)?.folded ?? [])];
}

/** Mod+.: fold or unfold the nearest item around the caret that has children. */
export const toggleFold: OutlineCommand = (state, dispatch) => {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (!isOutlineItem(node) || !hasChildList(node)) continue;
    if (dispatch) {
      const tr = state.tr;
      let id = node.attrs.id as unknown;
      if (typeof id !== 'string' || !id) {
        // Items that arrived without an id (imports) get one the first time someone folds them.
        id = newItemId();
        tr.setNodeAttribute($from.before(d), 'id', id);
      }
      const folding = !foldPluginKey.getState(state)?.folded.has(id as string);
      tr.setMeta(foldPluginKey, { toggle: id as string } satisfies FoldMeta);
      if (folding && $from.depth > d + 1) {
        // The caret would be hidden: put it at the end of the folded item's own line.
        const first = node.firstChild;
        if (first) tr.setSelection(TextSelection.create(tr.doc, $from.before(d) + 1 + first.nodeSize - 1));
      }
      dispatch(tr);
    }
    return true;
  }
  return false;
};

function readFolded(storageKey: string | null): Set<string> {
  if (!storageKey || typeof localStorage === 'undefined') return new Set();
  try {
    const v: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

function foldDecorations(doc: PMNode, folded: ReadonlySet<string>): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (isOutlineItem(node) && hasChildList(node)) {
      const isFolded = typeof node.attrs.id === 'string' && folded.has(node.attrs.id);
      decorations.push(
        Decoration.node(pos, pos + node.nodeSize, { class: isFolded ? 'has-children is-folded' : 'has-children' }),
      );
    }
    return true;
  });
  return DecorationSet.create(doc, decorations);
}

/** A click on the bullet (the list item's left padding, where CSS draws the dot) folds it. */
function handleBulletClick(view: EditorView, event: MouseEvent): boolean {
  const li = event.target;
  if (!(li instanceof HTMLElement) || li.tagName !== 'LI' || !li.classList.contains('has-children')) return false;
  const id = li.getAttribute('data-id');
  const padding = parseFloat(getComputedStyle(li).paddingLeft) || 0;
  if (!id || event.clientX > li.getBoundingClientRect().left + padding) return false;
  event.preventDefault();
  view.dispatch(view.state.tr.setMeta(foldPluginKey, { toggle: id } satisfies FoldMeta));
  return true;
}

function foldPlugin(storageKey: string | null): Plugin<FoldState> {
  let cache: { doc: PMNode; folded: ReadonlySet<string>; set: DecorationSet } | null = null;
  return new Plugin<FoldState>({
    key: foldPluginKey,
    state: {
      init: () => ({ folded: readFolded(storageKey) }),
      apply(tr, value) {
        const meta = tr.getMeta(foldPluginKey) as FoldMeta | undefined;
        if (!meta) return value;
        const folded = new Set('set' in meta ? meta.set : value.folded);
        if ('toggle' in meta) {
          if (folded.has(meta.toggle)) folded.delete(meta.toggle);
          else folded.add(meta.toggle);
        }
        return { folded };
      },
    },
    props: {
      decorations(state) {
        const folded = foldPluginKey.getState(state)?.folded ?? new Set<string>();
        if (cache?.doc !== state.doc || cache.folded !== folded)
          cache = { doc: state.doc, folded, set: foldDecorations(state.doc, folded) };
        return cache.set;
      },
      handleDOMEvents: { mousedown: handleBulletClick },
    },
    view: () => ({
      update(view, prev) {
        const now = foldPluginKey.getState(view.state)?.folded;
        if (!storageKey || !now || now === foldPluginKey.getState(prev)?.folded) return;
        try {
          localStorage.setItem(storageKey, JSON.stringify([...now]));
        } catch {
          // storage full or disabled: folding still works for this page view
        }
      },
    }),
  });
}

/**
 * Gives every list item an id, on local changes only: remote changes already carry the ids their
 * author's editor gave them, and two clients racing to name the same item would fight.
 */
function itemIdPlugin(isRemoteChange: (tr: Transaction) => boolean): Plugin {
  return new Plugin({
    key: new PluginKey('outlineItemIds'),
    appendTransaction(transactions, _old, state) {
      const local = transactions.some((tr) => tr.docChanged && !isRemoteChange(tr));
      if (!local) return null;
      const seen = new Set<string>();
      let tr: Transaction | null = null;
      state.doc.descendants((node, pos) => {
        if (!isOutlineItem(node)) return true;
        const id = node.attrs.id as unknown;
        if (typeof id === 'string' && id && !seen.has(id)) {
          seen.add(id);
          return true;
        }
        const fresh = newItemId();
        seen.add(fresh);
        tr ??= state.tr;
        tr.setNodeAttribute(pos, 'id', fresh);
        return true;
      });
      return tr;
    },
  });
}

export interface OutlineOptions {
  /** localStorage key for this person's fold state of this document; null keeps it in memory. */
  foldStorageKey: string | null;
  /** Tells changes that came from other people (Collaboration's isChangeOrigin) from local ones. */
  isRemoteChange: (tr: Transaction) => boolean;
}

/** Outline keys (Tab, Shift-Tab, Alt+↑/↓, Mod+., Backspace), item ids and folding. */
export const Outline = Extension.create<OutlineOptions>({
  name: 'outline',
  priority: 1000,
  addOptions: () => ({ foldStorageKey: null, isRemoteChange: () => false }),
  addGlobalAttributes() {
    return [
      {
        types: [...OUTLINE_ITEM_TYPES],
        attributes: {
          id: {
            default: null,
            keepOnSplit: false,
            parseHTML: (el) => el.getAttribute('data-id'),
            renderHTML: (attrs) => (typeof attrs.id === 'string' ? { 'data-id': attrs.id } : {}),
          },
        },
      },
    ];
  },
  addKeyboardShortcuts() {
    const run = (cmd: OutlineCommand) => () => cmd(this.editor.state, this.editor.view.dispatch);
    return {
      Tab: run(indentItem),
      'Shift-Tab': run(outdentItem),
      'Alt-ArrowUp': run(moveItem(-1)),
      'Alt-ArrowDown': run(moveItem(1)),
      'Mod-.': run(toggleFold),
      Backspace: run(backspaceEmptyItem),
      Enter: run(enterAfterFoldedItem),
    };
  },
  addProseMirrorPlugins() {
    return [itemIdPlugin(this.options.isRemoteChange), foldPlugin(this.options.foldStorageKey)];
  },
});
