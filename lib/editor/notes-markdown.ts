import type { JSONContent } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';
import { isSafeHref, notesExtensions, notesSchema } from './extensions';

// Markdown out (export, copy) and in (import) for the notes, through @tiptap/markdown: the
// serializer and parser that come with the very extensions the editor uses, so a node the editor
// knows is written the way its extension says. Two gaps of that serializer are closed here (see
// ADR 0005): text that would read as block syntax at the start of a line (`# `, `1. `, `- `) is
// escaped, and inline code holding backticks gets a longer fence, as CommonMark asks.

type Meta = Record<string, unknown>;
const CODE_SPAN = '__hallwayCodeSpan';

/** A code span for text that may itself hold backticks (CommonMark 6.1). */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^`|`$/.test(text) || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Escapes what would turn a line of a paragraph into a heading, list item, rule or code block. */
function escapeLineStarts(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line
        .replace(/^( *)(#{1,6})(?=\s|$)/, '$1\\$2')
        .replace(/^( *)(\d{1,9})([.)])(?=\s|$)/, '$1$2\\$3')
        .replace(/^( *)([-+])(?=\s|$)/, '$1\\$2')
        .replace(/^( *)([-=])(?=\2*\s*$)/, '$1\\$2')
        .replace(/^( {4,})/, (spaces) => '&#32;'.repeat(spaces.length)),
    )
    .join('\n');
}

type EncodeText = (text: string, node: JSONContent, parentNode?: JSONContent) => string;

class NotesMarkdownManager extends MarkdownManager {
  constructor(options: ConstructorParameters<typeof MarkdownManager>[0]) {
    super(options);
    // Text is encoded by a private method the mark-aware renderer calls directly: wrap it.
    const self = this as unknown as { encodeTextForMarkdown: EncodeText };
    const encode = self.encodeTextForMarkdown.bind(this);
    self.encodeTextForMarkdown = (text, node, parentNode) =>
      (node as Meta)[CODE_SPAN] ? codeSpan(text) : encode(text, node, parentNode);
  }

  override renderNodeToMarkdown(
    node: JSONContent,
    parentNode?: JSONContent,
    index?: number,
    level?: number,
    meta?: Meta,
  ): string {
    const out = super.renderNodeToMarkdown(node, parentNode, index, level, meta);
    if (node.type === 'paragraph') return escapeLineStarts(out);
    // A closing run of `#` would be read as the end of the heading's syntax.
    if (node.type === 'heading') return out.replace(/(\s)(#+)$/, '$1\\$2');
    return out;
  }
}

let manager: NotesMarkdownManager | null = null;

function notesMarkdown(): NotesMarkdownManager {
  return (manager ??= new NotesMarkdownManager({
    extensions: notesExtensions(),
    indentation: { style: 'space', size: 2 },
  }));
}

/** Inline code with backticks is written by the override above, not with the mark's single backticks. */
function markCodeSpans(node: JSONContent): JSONContent {
  if (node.type === 'text') {
    const marks = node.marks ?? [];
    if (!marks.some((m) => m.type === 'code') || !node.text?.includes('`')) return node;
    const rest = marks.filter((m) => m.type !== 'code');
    return { type: 'text', text: node.text, ...(rest.length ? { marks: rest } : {}), [CODE_SPAN]: true } as JSONContent;
  }
  return node.content ? { ...node, content: node.content.map(markCodeSpans) } : node;
}

/** The notes (ProseMirror JSON of the notes schema) as Markdown, ending with one newline. */
export function notesToMarkdown(doc: JSONContent): string {
  const md = notesMarkdown()
    .serialize(markCodeSpans(doc))
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();
  return md ? md + '\n' : '';
}

/** Drops link marks whose href is not http(s)/mailto, as the editor's link extension would. */
function withSafeLinks(node: JSONContent): JSONContent {
  const marks = node.marks?.filter(
    (m) => m.type !== 'link' || isSafeHref(typeof m.attrs?.href === 'string' ? m.attrs.href : null),
  );
  return {
    ...node,
    ...(node.marks ? { marks } : {}),
    ...(node.content ? { content: node.content.map(withSafeLinks) } : {}),
  };
}

/** Markdown as notes JSON, checked against the notes schema (unknown syntax becomes text). */
export function markdownToNotes(markdown: string): JSONContent {
  const parsed = withSafeLinks(notesMarkdown().parse(markdown.replace(/\r\n?/g, '\n')));
  if (!parsed.content?.length) return notesSchema().topNodeType.createAndFill()!.toJSON() as JSONContent;
  return notesSchema().nodeFromJSON(parsed).toJSON() as JSONContent;
}
