import type { JSONContent } from '@tiptap/core';
import { Marked, type Tokens } from 'marked';

// Markdown in (paste, import) and out (export) for the notes schema. Output follows the notes
// people already keep: `*` bullets indented by two spaces, `[ ]`/`[x]` tasks, fenced code.

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // Raw HTML inside Markdown is shown as text, never interpreted.
    html: ({ text }) => escapeHtml(text),
    checkbox: () => '',
    // No trailing newline inside <pre>: it would become an empty last line of the code block.
    code: ({ text, lang }) => `<pre><code${lang ? ` class="language-${escapeHtml(lang.split(/\s/)[0] ?? '')}"` : ''}>${escapeHtml(text)}</code></pre>\n`,
    list(token: Tokens.List) {
      const allTasks = token.items.length > 0 && token.items.every((i) => i.task);
      const body = token.items
        .map((item) => {
          const inner = this.parser.parse(item.tokens);
          if (allTasks) return `<li data-type="taskItem" data-checked="${item.checked ? 'true' : 'false'}">${inner}</li>\n`;
          return `<li>${item.task ? (item.checked ? '[x] ' : '[ ] ') : ''}${inner}</li>\n`;
        })
        .join('');
      if (allTasks) return `<ul data-type="taskList">\n${body}</ul>\n`;
      const tag = token.ordered ? 'ol' : 'ul';
      const start = token.ordered && token.start !== 1 && token.start !== '' ? ` start="${Number(token.start)}"` : '';
      return `<${tag}${start}>\n${body}</${tag}>\n`;
    },
  },
});

/** Markdown (CommonMark + GFM task lists) to HTML the notes schema parses, task lists included. */
export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/** Heuristic: does pasted plain text look like Markdown worth parsing (lists, headings, fences, links)? */
export function looksLikeMarkdown(text: string): boolean {
  return /^\s{0,12}([-*+]\s+\S|\d{1,3}[.)]\s+\S|#{1,6}\s+\S|```|>\s)/m.test(text) || /\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|`[^`\n]+`/.test(text);
}

// ---- JSON → Markdown

type Mark = NonNullable<JSONContent['marks']>[number];

const escapeText = (s: string) => s.replace(/([\\`*_[\]])/g, '\\$1').replace(/^(\s*)([#>+-]|\d+\.)(\s)/, '$1\\$2$3');

function inline(nodes: JSONContent[] | undefined): string {
  let out = '';
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') {
      out += '  \n';
      continue;
    }
    if (n.type !== 'text') continue;
    const marks: Mark[] = n.marks ?? [];
    const has = (t: string) => marks.some((m) => m.type === t);
    let text = has('code') ? '`' + (n.text ?? '') + '`' : escapeText(n.text ?? '');
    if (has('bold')) text = `**${text}**`;
    if (has('italic')) text = `_${text}_`;
    if (has('strike')) text = `~~${text}~~`;
    const link = marks.find((m) => m.type === 'link');
    const href = typeof link?.attrs?.href === 'string' ? link.attrs.href : null;
    if (href) text = `[${text}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
    out += text;
  }
  return out;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

function listItems(list: JSONContent, ordered: boolean): string {
  const items = list.content ?? [];
  const start = typeof list.attrs?.start === 'number' ? list.attrs.start : 1;
  return items
    .map((item, i) => {
      const marker = ordered ? `${start + i}. ` : item.type === 'taskItem' ? `* [${item.attrs?.checked ? 'x' : ' '}] ` : '* ';
      const [first, ...rest] = item.content ?? [];
      const head = first && (first.type === 'paragraph' || first.type === 'heading') ? inline(first.content) : first ? block(first) : '';
      const pad = ordered ? ' '.repeat(marker.length) : '  ';
      const tail = rest.map((c) => indent(block(c), pad)).join('\n');
      return marker + head + (tail ? '\n' + tail : '');
    })
    .join('\n');
}

function block(node: JSONContent): string {
  switch (node.type) {
    case 'paragraph':
      return inline(node.content);
    case 'heading':
      return '#'.repeat(Math.min(6, Math.max(1, Number(node.attrs?.level) || 1))) + ' ' + inline(node.content);
    case 'bulletList':
    case 'taskList':
      return listItems(node, false);
    case 'orderedList':
      return listItems(node, true);
    case 'codeBlock': {
      const code = (node.content ?? []).map((t) => t.text ?? '').join('').replace(/\n$/, '');
      const fence = code.includes('```') ? '~~~~' : '```';
      return `${fence}${typeof node.attrs?.language === 'string' ? node.attrs.language : ''}\n${code}\n${fence}`;
    }
    case 'blockquote':
      return blocks(node.content).split('\n').map((l) => (l ? '> ' + l : '>')).join('\n');
    case 'horizontalRule':
      return '---';
    default:
      return blocks(node.content);
  }
}

function blocks(nodes: JSONContent[] | undefined): string {
  return (nodes ?? []).map(block).filter((s, i, all) => s !== '' || i < all.length - 1).join('\n\n');
}

/** The notes document (ProseMirror JSON) as Markdown. */
export function jsonToMarkdown(doc: JSONContent): string {
  const md = blocks(doc.content).replace(/\n{3,}/g, '\n\n').trimEnd();
  return md ? md + '\n' : '';
}
