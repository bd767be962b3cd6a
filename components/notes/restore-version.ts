import type { JSONContent } from '@tiptap/core';
import type { Editor } from '@tiptap/react';
import { yUndoPluginKey } from '@tiptap/y-tiptap';

/**
 * Puts an old version's content into the live document as one ordinary change by this person:
 * y-prosemirror diffs it against the current content, the collab server stores it like any edit
 * (history before it stays intact), and this person's undo (Ctrl+Z) takes it back.
 */
export function restoreVersion(editor: Editor, content: JSONContent): boolean {
  const undoManager = (yUndoPluginKey.getState(editor.state) as { undoManager?: { stopCapturing(): void } } | undefined)
    ?.undoManager;
  // Keep the restore a separate undo step from typing just before or after it.
  undoManager?.stopCapturing();
  const ok = editor.chain().setContent(content, { emitUpdate: true }).run();
  undoManager?.stopCapturing();
  return ok;
}
