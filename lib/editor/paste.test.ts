// @vitest-environment happy-dom
import { Editor, type JSONContent } from '@tiptap/core';
import { DOMParser as PMDOMParser } from '@tiptap/pm/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { notesExtensions } from './extensions';
import { markdownToHtml } from './markdown';
import { loadClipboardMarkdown } from './lazy-markdown';
import { normalizePastedHtml } from './paste';
import { outlineShape as outline } from './outline-shape';

function parse(html: string): JSONContent {
  const editor = new Editor({ element: document.createElement('div'), extensions: notesExtensions() });
  const dom = new DOMParser().parseFromString(html, 'text/html').body;
  const json = PMDOMParser.fromSchema(editor.schema).parse(dom).toJSON() as JSONContent;
  editor.destroy();
  return json;
}

describe('paste keeps the nesting', () => {
  it('Google Docs: flat lists with aria-level', () => {
    const html =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><ul style="margin:0">' +
      '<li aria-level="1" dir="ltr"><p dir="ltr"><span>a</span></p></li>' +
      '<ul><li aria-level="2"><p><span>a1</span></p></li><ul><li aria-level="3"><p><span>a1x</span></p></li></ul></ul>' +
      '<li aria-level="1"><p><span>b</span></p></li></ul></b>';
    expect(outline(parse(normalizePastedHtml(html)))).toEqual([[['a', [['a1', ['a1x']]]], 'b']]);
  });

  it('Etherpad: one-item lists with list-bulletN classes', () => {
    const html =
      '<div><ul class="list-bullet1"><li>a</li></ul></div><div><ul class="list-bullet2"><li>a1</li></ul></div>' +
      '<div><ul class="list-bullet3"><li>a1x</li></ul></div><div><ul class="list-bullet1"><li>b</li></ul></div>';
    expect(outline(parse(normalizePastedHtml(html)))).toEqual([[['a', [['a1', ['a1x']]]], 'b']]);
  });

  it('gist / GitHub HTML with task list checkboxes', () => {
    const html =
      '<ul><li>a<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" checked> ' +
      'done</li><li class="task-list-item"><input type="checkbox"> todo</li></ul></li></ul>';
    const json = parse(normalizePastedHtml(html));
    expect(JSON.stringify(json)).toContain('"taskItem"');
    expect(JSON.stringify(json)).toContain('"checked":true');
  });

  it('plain Markdown', () => {
    const json = parse(markdownToHtml('- a\n  - a1\n    - a1x\n- b\n'));
    expect(outline(json)).toEqual([[['a', [['a1', ['a1x']]]], 'b']]);
  });
});

function listEditor(): Editor {
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: notesExtensions(),
    content: {
      type: 'doc',
      content: [
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first' }] }] }],
        },
      ],
    },
  });
  editor.commands.setTextSelection(editor.state.doc.content.size - 3); // end of "first"
  return editor;
}

// Before any test below has called loadClipboardMarkdown().
describe('Markdown pasted before the Markdown code has loaded', () => {
  it('is taken over and inserted once it has', async () => {
    const editor = listEditor();
    const text = '## Agenda\n- a\n- b\n';
    const event = {
      clipboardData: { getData: (type: string) => (type === 'text/plain' ? text : '') },
    } as unknown as ClipboardEvent;
    const view = editor.view;
    const handled = view.someProp('handlePaste', (f) => f(view, event, view.state.selection.content()));
    expect(handled).toBe(true);
    await loadClipboardMarkdown();
    expect(JSON.stringify(editor.getJSON())).toContain('{"type":"heading","attrs":{"level":2}');
    editor.destroy();
  });
});

describe('a Markdown heading pasted into a list', () => {
  beforeAll(() => loadClipboardMarkdown());
  function pasteMarkdown(text: string): JSONContent {
    const editor = listEditor();
    const view = editor.view;
    const slice = view.someProp('clipboardTextParser', (f) => f(text, view.state.selection.$from, false, view));
    if (!slice) throw new Error('not parsed as Markdown');
    view.dispatch(view.state.tr.replaceSelection(slice));
    const json = editor.getJSON();
    editor.destroy();
    return json;
  }
  const types = (json: JSONContent): string[] => json.content![0]!.content![0]!.content!.map((n) => n.type!);

  it('stays a heading, after the line the caret was in', () => {
    const json = pasteMarkdown('## Agenda\n- a\n- b\n');
    expect(types(json)).toEqual(['paragraph', 'heading', 'bulletList']);
    expect(JSON.stringify(json)).toContain(
      '{"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Agenda"}]}',
    );
  });

  it('a lone heading too', () => {
    expect(types(pasteMarkdown('## Agenda'))).toEqual(['paragraph', 'heading']);
  });
});
