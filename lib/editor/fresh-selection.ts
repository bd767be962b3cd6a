import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

// ProseMirror takes up a change of the page's selection (Shift+Home, a drag of the mouse) on the
// `selectionchange` event, which a busy browser dispatches after later input: a quick Ctrl+V or
// Ctrl+C could then act on the old selection (a URL pasted over selected text was inserted at the
// caret instead of linking it; the copy held the wrong text). Before a paste, copy or cut, the page's
// selection is read into the editor's state, as ProseMirror would have done a moment later.

/** The view's DOM observer: internal to prosemirror-view, but what its own key handling flushes. */
interface WithDomObserver {
  domObserver?: { forceFlush(): void; flush(): void };
}

function takeUpPageSelection(view: EditorView): boolean {
  const observer = (view as unknown as WithDomObserver).domObserver;
  observer?.forceFlush(); // a flush it had scheduled (pending DOM changes) happens now
  observer?.flush(); // reads the page's selection when nothing was scheduled
  return false; // the paste, copy or cut then goes on as usual
}

export const FreshSelection = Extension.create({
  name: 'freshSelection',
  // Before the paste and copy handlers of other extensions, which read the selection.
  priority: 1000,
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('freshSelection'),
        props: {
          handleDOMEvents: { paste: takeUpPageSelection, copy: takeUpPageSelection, cut: takeUpPageSelection },
        },
      }),
    ];
  },
});
