// What the editor's clipboard needs of Markdown, in one module the browser loads on demand
// (lazy-markdown.ts): the paste parser (marked) and the copy serializer (@tiptap/markdown). Both
// are about 35 KB compressed that a page view without a paste or copy never needs.
export { markdownToHtml } from './markdown';
export { notesToMarkdown } from './notes-markdown';
