// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { beforeAll, describe, expect, it } from 'vitest';
import { notesExtensions } from './extensions';
import { markdownToJSON } from './import-notes';
import { loadClipboardMarkdown } from './lazy-markdown';

function copiedText(markdown: string, from: string, to: string): string {
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: notesExtensions(),
    content: markdownToJSON(markdown),
  });
  const { doc } = editor.state;
  let start = -1;
  let end = -1;
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const text = node.text ?? '';
    if (start < 0 && text.includes(from)) start = pos + text.indexOf(from);
    if (text.includes(to)) end = pos + text.indexOf(to) + to.length;
    return true;
  });
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(doc, start, end)));
  const slice = editor.state.selection.content();
  let out = '';
  editor.view.someProp('clipboardTextSerializer', (f) => {
    out = f(slice, editor.view);
    return true;
  });
  editor.destroy();
  return out;
}

const notes = '- alpha\n  - beta **bold**\n    - gamma `x`\n      - [ ] delta\n- epsilon\n';

describe('copy before the Markdown serializer has loaded', () => {
  it('leaves the text to ProseMirror (an empty answer), a single line still as it is', () => {
    expect(copiedText(notes, 'beta', 'epsilon')).toBe('');
    expect(copiedText(notes, 'eta', 'bold')).toBe('eta bold');
  });
});

describe('copy as Markdown', () => {
  beforeAll(() => loadClipboardMarkdown());

  it('keeps the depth of a nested selection', () => {
    expect(copiedText(notes, 'beta', 'epsilon')).toBe(
      '  - beta **bold**\n    - gamma `x`\n      - [ ] delta\n- epsilon',
    );
    expect(copiedText(notes, 'gamma', 'delta')).toBe('    - gamma `x`\n      - [ ] delta');
    expect(copiedText(notes, 'alpha', 'gamma')).toBe('- alpha\n  - beta **bold**\n    - gamma');
  });

  it('copies text inside one line as it is', () => {
    expect(copiedText(notes, 'eta', 'bold')).toBe('eta bold');
  });
});
