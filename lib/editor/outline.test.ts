// @vitest-environment happy-dom
import { Editor, type JSONContent } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { notesExtensions } from './extensions';
import {
  backspaceEmptyItem,
  enterAfterFoldedItem,
  foldedItemIds,
  indentItem,
  moveItem,
  outdentItem,
  toggleFold,
  type OutlineCommand,
} from './outline';
import { outlineShape as outline } from './outline-shape';

let editor: Editor | null = null;
afterEach(() => {
  editor?.destroy();
  editor = null;
});

function make(content?: JSONContent): Editor {
  editor = new Editor({ element: document.createElement('div'), extensions: notesExtensions(), content });
  return editor;
}

const item = (text: string, ...children: JSONContent[]): JSONContent => ({
  type: 'listItem',
  content: [
    { type: 'paragraph', content: text ? [{ type: 'text', text }] : [] },
    ...(children.length ? [{ type: 'bulletList', content: children }] : []),
  ],
});
const list = (...items: JSONContent[]): JSONContent => ({
  type: 'doc',
  content: [{ type: 'bulletList', content: items }],
});

/** Puts the caret at the end of the item whose text is `text`. */
function caretAt(ed: Editor, text: string): void {
  let found = -1;
  ed.state.doc.descendants((node, pos) => {
    if (found < 0 && node.isTextblock && node.textContent === text) found = pos + 1 + node.content.size;
    return found < 0;
  });
  expect(found, `item "${text}"`).toBeGreaterThan(0);
  ed.commands.setTextSelection(found);
}

const run = (ed: Editor, cmd: OutlineCommand) => cmd(ed.state, ed.view.dispatch);

describe('outline editing', () => {
  it('starts an empty document as a bullet list', () => {
    const ed = make();
    expect(ed.getJSON().content?.[0]?.type).toBe('bulletList');
  });

  it('gives every item a unique id, also after a split', () => {
    const ed = make(list(item('a'), item('b')));
    caretAt(ed, 'a');
    ed.commands.splitListItem('listItem');
    ed.commands.insertContent('a2');
    const ids: string[] = [];
    ed.state.doc.descendants((n) => {
      if (n.type.name === 'listItem') ids.push(n.attrs.id as string);
    });
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
  });

  it('indents under the previous sibling and outdents back', () => {
    const ed = make(list(item('a'), item('b'), item('c')));
    caretAt(ed, 'b');
    run(ed, indentItem);
    expect(outline(ed.getJSON())).toEqual([[['a', ['b']], 'c']]);
    caretAt(ed, 'c');
    run(ed, indentItem);
    expect(outline(ed.getJSON())).toEqual([[['a', ['b', 'c']]]]);
    caretAt(ed, 'b');
    run(ed, outdentItem);
    expect(outline(ed.getJSON())).toEqual([['a', ['b', ['c']]]]);
  });

  it('keeps a top-level item a bullet on Shift-Tab', () => {
    const ed = make(list(item('a'), item('b')));
    caretAt(ed, 'a');
    expect(run(ed, outdentItem)).toBe(true);
    expect(outline(ed.getJSON())).toEqual([['a', 'b']]);
  });

  it('moves an item with its children up and down among its siblings', () => {
    const ed = make(list(item('a'), item('b', item('b1'), item('b2')), item('c')));
    caretAt(ed, 'b');
    run(ed, moveItem(-1));
    expect(outline(ed.getJSON())).toEqual([[['b', ['b1', 'b2']], 'a', 'c']]);
    run(ed, moveItem(1));
    run(ed, moveItem(1));
    expect(outline(ed.getJSON())).toEqual([['a', 'c', ['b', ['b1', 'b2']]]]);
    // the caret moved with the item
    expect(ed.state.selection.$from.parent.textContent).toBe('b');
    // nothing below the last item: no change
    run(ed, moveItem(1));
    expect(outline(ed.getJSON())).toEqual([['a', 'c', ['b', ['b1', 'b2']]]]);
  });

  it('folds and unfolds an item with children, locally', () => {
    const ed = make(list(item('a', item('a1')), item('b')));
    caretAt(ed, 'a1');
    const before = outline(ed.getJSON());
    expect(run(ed, toggleFold)).toBe(true);
    expect(foldedItemIds(ed.state)).toHaveLength(1);
    expect(ed.view.dom.querySelector('li.is-folded')?.textContent).toContain('a');
    // the caret left the hidden children
    expect(ed.state.selection.$from.parent.textContent).toBe('a');
    // folding is not part of the document
    expect(outline(ed.getJSON())).toEqual(before);
    expect(JSON.stringify(ed.getJSON())).not.toContain('fold');
    run(ed, toggleFold);
    expect(foldedItemIds(ed.state)).toHaveLength(0);
    expect(ed.view.dom.querySelector('li.is-folded')).toBeNull();
  });

  it('Enter at the end of a folded item adds a sibling and keeps the children under it', () => {
    const ed = make(list(item('a', item('a1')), item('b')));
    caretAt(ed, 'a');
    run(ed, toggleFold);
    caretAt(ed, 'a');
    expect(run(ed, enterAfterFoldedItem)).toBe(true);
    ed.commands.insertContent('new');
    expect(outline(ed.getJSON())).toEqual([[['a', ['a1']], 'new', 'b']]);
    // unfolded: ordinary split behaviour (the command does not apply)
    caretAt(ed, 'b');
    expect(run(ed, enterAfterFoldedItem)).toBe(false);
  });

  it('Backspace in an empty nested item outdents it, then joins it with the previous item', () => {
    const ed = make(list(item('a', item('a1'), item(''))));
    let pos = -1;
    ed.state.doc.descendants((n, p) => {
      if (n.type.name === 'paragraph' && n.content.size === 0) pos = p + 1;
      return pos < 0;
    });
    ed.commands.setTextSelection(pos);
    run(ed, backspaceEmptyItem);
    expect(outline(ed.getJSON())).toEqual([[['a', ['a1']], '']]);
    run(ed, backspaceEmptyItem);
    expect(outline(ed.getJSON())).toEqual([[['a', ['a1']]]]);
    expect(ed.state.selection.$from.parent.textContent).toBe('a1');
  });
});
