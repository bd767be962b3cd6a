import { getSchema, Node, type AnyExtension } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Code } from '@tiptap/extension-code';
import { CodeBlock } from '@tiptap/extension-code-block';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Heading } from '@tiptap/extension-heading';
import { HorizontalRule } from '@tiptap/extension-horizontal-rule';
import { Italic } from '@tiptap/extension-italic';
import Link from '@tiptap/extension-link';
import { BulletList, ListItem, ListKeymap, OrderedList, TaskItem, TaskList } from '@tiptap/extension-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Strike } from '@tiptap/extension-strike';
import { Text } from '@tiptap/extension-text';
import { Underline } from '@tiptap/extension-underline';
import { Dropcursor } from '@tiptap/extensions/drop-cursor';
import { Gapcursor } from '@tiptap/extensions/gap-cursor';
import type { Schema } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { FreshSelection } from './fresh-selection';
import { MarkdownCopy } from './markdown-copy';
import { Outline } from './outline';
import { OutlinePaste } from './paste';

export { EDITOR_SCHEMA_VERSION, NOTES_FRAGMENT, NOTES_META } from './schema-version';

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Links may point to http(s) and mailto only: no javascript:, data:, relative or custom schemes. */
export function isSafeHref(href: string | null | undefined): boolean {
  if (!href) return false;
  try {
    return SAFE_PROTOCOLS.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

/** Heading levels of the notes (the server refuses others). */
export const HEADING_LEVELS = [1, 2, 3] as const;

/**
 * A link keeps its href and nothing else: target and rel are fixed when it is rendered, and a class,
 * title or target arriving in a shared document (someone else's update, an old stored document) is
 * never rendered (a member could otherwise lay a full-page overlay over everyone's notes).
 */
const NotesLink = Link.extend({
  addAttributes() {
    return { href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute('href') } };
  },
}).configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: 'https',
  isAllowedUri: (url) => isSafeHref(url),
  shouldAutoLink: (url) => isSafeHref(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `https://${url}`),
  HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
});

/**
 * The document: any blocks, but an empty one is filled with a bullet list (the first choice of
 * the content expression is what ProseMirror creates), so notes start as an outline.
 */
const NotesDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: '(bulletList | block)+',
  renderMarkdown: (node, h) => (node.content ? h.renderChildren(node.content, '\n\n') : ''),
});

export interface NotesExtensionOptions {
  /** localStorage key for this person's fold state; omit on the server and in tests. */
  foldStorageKey?: string | null;
  /** The browser passes Collaboration's isChangeOrigin, so item ids are only given to local changes. */
  isRemoteChange?: (tr: Transaction) => boolean;
}

/**
 * The one extension list of the notes editor, shared by the browser (plus the collaboration
 * extensions, which need a live document) and the server (export, import, history previews).
 */
export function notesExtensions(opts: NotesExtensionOptions = {}): AnyExtension[] {
  return [
    NotesDocument,
    // StarterKit's extensions in its order (the schema's node order follows it), listed one by one
    // because importing StarterKit pulls in prosemirror-history even with undo/redo off. Left out:
    // its Document (NotesDocument above), UndoRedo (per-user undo comes from the Yjs UndoManager of
    // Collaboration), TrailingNode (an appended paragraph on every client would race in the shared
    // document) and Link (NotesLink below).
    Bold,
    Blockquote,
    BulletList,
    Code,
    CodeBlock,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading.configure({ levels: [...HEADING_LEVELS] }),
    HorizontalRule,
    Italic,
    ListItem,
    ListKeymap,
    OrderedList,
    Paragraph,
    Strike,
    Text,
    Underline,
    NotesLink,
    TaskList,
    TaskItem.configure({ nested: true }),
    Outline.configure({
      foldStorageKey: opts.foldStorageKey ?? null,
      isRemoteChange: opts.isRemoteChange ?? (() => false),
    }),
    FreshSelection,
    OutlinePaste,
    MarkdownCopy,
  ];
}

let schema: Schema | null = null;

/** The ProseMirror schema of the notes (cached). */
export function notesSchema(): Schema {
  return (schema ??= getSchema(notesExtensions()));
}
