'use client';

import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import clsx from 'clsx';
import { indentItem, outdentItem, type OutlineCommand } from '@/lib/editor/outline';

function Tool({
  label,
  shortcut,
  active,
  onClick,
  children,
}: {
  label: string;
  shortcut?: string;
  active?: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-label={label}
      aria-pressed={active}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      className={clsx(
        'inline-flex h-8 min-w-8 shrink-0 items-center justify-center rounded-md px-2 text-sm font-semibold transition',
        active ? 'bg-brand-50 text-brand-700' : 'text-stone-600 hover:bg-stone-200/70 hover:text-ink',
      )}
    >
      {children}
    </button>
  );
}

const Sep = () => <span aria-hidden className="mx-1 h-5 w-px bg-stone-200" />;

/** A small formatting bar; everything it does also has a key or a Markdown shortcut. */
export function NotesToolbar({ editor }: { editor: Editor }) {
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      code: e.isActive('code'),
      heading: e.isActive('heading', { level: 2 }),
      bullets: e.isActive('bulletList'),
      tasks: e.isActive('taskList'),
    }),
  });
  const run = (cmd: OutlineCommand) => () => {
    cmd(editor.state, editor.view.dispatch);
    editor.commands.focus();
  };
  return (
    <div role="toolbar" aria-label="Formatting" className="-mx-1 flex max-w-full flex-wrap items-center gap-0.5 px-1">
      <Tool
        label="Heading"
        shortcut="## "
        active={s.heading}
        onClick={() => editor.chain().focus().toggleHeading({ level: 2 }).run()}
      >
        H
      </Tool>
      <Tool label="Bold" shortcut="Ctrl+B" active={s.bold} onClick={() => editor.chain().focus().toggleBold().run()}>
        <b>B</b>
      </Tool>
      <Tool
        label="Italic"
        shortcut="Ctrl+I"
        active={s.italic}
        onClick={() => editor.chain().focus().toggleItalic().run()}
      >
        <i className="font-serif">I</i>
      </Tool>
      <Tool
        label="Inline code"
        shortcut="`code`"
        active={s.code}
        onClick={() => editor.chain().focus().toggleCode().run()}
      >
        <span className="font-mono text-xs">{'</>'}</span>
      </Tool>
      <Sep />
      <Tool
        label="Bullet list"
        shortcut="- "
        active={s.bullets}
        onClick={() => editor.chain().focus().toggleBulletList().run()}
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <circle cx="4" cy="5" r="1.6" />
          <circle cx="4" cy="10" r="1.6" />
          <circle cx="4" cy="15" r="1.6" />
          <rect x="8" y="4" width="10" height="2" rx="1" />
          <rect x="8" y="9" width="10" height="2" rx="1" />
          <rect x="8" y="14" width="10" height="2" rx="1" />
        </svg>
      </Tool>
      <Tool
        label="Task list"
        shortcut="[ ] "
        active={s.tasks}
        onClick={() => editor.chain().focus().toggleTaskList().run()}
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4">
          <rect x="2.5" y="3.5" width="5" height="5" rx="1" className="fill-none stroke-current" strokeWidth="1.5" />
          <path d="m3.5 14 1.5 1.5 2.5-3" className="fill-none stroke-current" strokeWidth="1.5" />
          <rect x="10" y="5" width="8" height="2" rx="1" className="fill-current" />
          <rect x="10" y="13" width="8" height="2" rx="1" className="fill-current" />
        </svg>
      </Tool>
      <Tool label="Outdent" shortcut="Shift+Tab" onClick={run(outdentItem)}>
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M7 7v6L3 10l4-3Z" />
          <rect x="9" y="4" width="9" height="2" rx="1" />
          <rect x="9" y="9" width="9" height="2" rx="1" />
          <rect x="9" y="14" width="9" height="2" rx="1" />
        </svg>
      </Tool>
      <Tool label="Indent" shortcut="Tab" onClick={run(indentItem)}>
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M3 7v6l4-3-4-3Z" />
          <rect x="9" y="4" width="9" height="2" rx="1" />
          <rect x="9" y="9" width="9" height="2" rx="1" />
          <rect x="9" y="14" width="9" height="2" rx="1" />
        </svg>
      </Tool>
      <Sep />
      <Tool label="Undo your last change" shortcut="Ctrl+Z" onClick={() => editor.chain().focus().undo().run()}>
        ↶
      </Tool>
      <Tool label="Redo" shortcut="Ctrl+Shift+Z" onClick={() => editor.chain().focus().redo().run()}>
        ↷
      </Tool>
    </div>
  );
}
