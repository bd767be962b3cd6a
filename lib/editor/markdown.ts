import { Marked, type Tokens } from 'marked';

// Markdown pasted into the editor becomes HTML the notes schema parses (paste.ts). Export, copy and
// import go through @tiptap/markdown in notes-markdown.ts.

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // Raw HTML inside Markdown is shown as text, never interpreted.
    html: ({ text }) => escapeHtml(text),
    checkbox: () => '',
    // No trailing newline inside <pre>: it would become an empty last line of the code block.
    code: ({ text, lang }) =>
      `<pre><code${lang ? ` class="language-${escapeHtml(lang.split(/\s/)[0] ?? '')}"` : ''}>${escapeHtml(text)}</code></pre>\n`,
    list(token: Tokens.List) {
      const allTasks = token.items.length > 0 && token.items.every((i) => i.task);
      const body = token.items
        .map((item) => {
          const inner = this.parser.parse(item.tokens);
          if (allTasks)
            return `<li data-type="taskItem" data-checked="${item.checked ? 'true' : 'false'}">${inner}</li>\n`;
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

export { looksLikeMarkdown } from './markdown-sniff';

/** The notes document (ProseMirror JSON) as Markdown: see notes-markdown.ts. */
export { notesToMarkdown as jsonToMarkdown } from './notes-markdown';
