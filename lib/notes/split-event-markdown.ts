import type { JSONContent } from '@tiptap/core';
import { markdownToJSON } from '@/lib/editor/import-notes';
import { markdownToNotes } from '@/lib/editor/notes-markdown';
import { shiftHeadings } from '@/lib/export/markdown-document';

// Reading a whole event's notes file: an optional `#` title, then one `##` section per session
// (the shape the event export writes and published notes gists have).

export interface EventNotesSection {
  title: string;
  notes: JSONContent;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The plain text of a line of inline Markdown (escapes and marks resolved by the parser). */
function plainText(markdown: string): string {
  const walk = (n: JSONContent): string => (n.type === 'text' ? (n.text ?? '') : (n.content ?? []).map(walk).join(''));
  return walk(markdownToNotes(markdown)).replace(/\s+/g, ' ').trim();
}

/** A line that is only emphasis, right under a heading: the export's "Day 1, 10:00, Room · hosts". */
const META_LINE = /^\s*(\*[^*\n].*\*|_[^_\n].*_)\s*$/;

/** Splits an event notes file into sections; text before the first `##` (title, intro) is not notes. */
export function splitEventMarkdown(markdown: string): EventNotesSection[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const sections: { heading: string; body: string[] }[] = [];
  let fence: string | null = null;
  for (const line of lines) {
    const f = FENCE.exec(line);
    if (f) {
      if (!fence) fence = f[1]!;
      else if (f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length) fence = null;
    }
    const h = fence ? null : /^ {0,3}## +(.*?)(?: +#+)? *$/.exec(line);
    if (h) sections.push({ heading: h[1]!, body: [] });
    else sections[sections.length - 1]?.body.push(line);
  }
  return sections.map(({ heading, body }) => {
    const firstText = body.findIndex((l) => l.trim() !== '');
    if (firstText >= 0 && META_LINE.test(body[firstText]!) && (body[firstText + 1] ?? '').trim() === '')
      body.splice(firstText, 1);
    const title = plainText(heading.replace(/\s*\{#[^}]*\}\s*$/, '')).slice(0, 140);
    // Session sections are `##`, so their own headings start at `###`: move them back up.
    const notes = shiftHeadings(markdownToJSON(body.join('\n')), -2);
    return { title, notes: clampHeadings(notes) };
  });
}

function clampHeadings(node: JSONContent): JSONContent {
  const attrs =
    node.type === 'heading' ? { ...node.attrs, level: Math.min(3, Number(node.attrs?.level ?? 1)) } : node.attrs;
  return {
    ...node,
    ...(attrs ? { attrs } : {}),
    ...(node.content ? { content: node.content.map(clampHeadings) } : {}),
  };
}

/** How titles are compared: case, spacing and a leading "Session 3:" do not matter. */
export function titleKey(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function withoutSessionNumber(title: string): string {
  return title.replace(/^session\s+\d+\s*[:.\-–—]\s*/i, '').trim() || title;
}
