import type { JSONContent } from '@tiptap/core';
import { notesToMarkdown } from '@/lib/editor/notes-markdown';

// Pure assembly of export documents from sessions and their notes (no database, no I/O), so the
// shape is tested on its own and the benchmark measures exactly what the endpoints run.

export type ExportFormat = 'gist' | 'jekyll';

export interface ExportSession {
  id: string;
  title: string;
  /** 1-based day of the event, when scheduled. */
  dayNumber: number | null;
  start: string | null;
  end: string | null;
  room: string | null;
  hosts: string[];
  notes: RenderedNotes;
}

/**
 * A document's notes as the export writes them, made once per stored state and kept
 * (notes-renditions.ts), so an export only assembles strings.
 */
export interface RenderedNotes {
  hasNotes: boolean;
  /** Nested under a `##` session heading: notes headings two levels down. */
  markdown: string;
  /** Nested under a `#` heading; null when the notes have no headings (then the same as `markdown`). */
  markdownTop: string | null;
}

export interface ExportOptions {
  format: ExportFormat;
  /** false: Chatham House, no host or author names anywhere in the output. */
  attribution: boolean;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
export function createSlugger(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base =
      text
        .toLowerCase()
        .trim()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-') || 'section';
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  };
}

/** Notes headings move `by` levels down so they nest under the session's own heading. */
export function shiftHeadings(node: JSONContent, by: number): JSONContent {
  const attrs =
    node.type === 'heading'
      ? { ...node.attrs, level: Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1) + by)) }
      : node.attrs;
  return {
    ...node,
    ...(attrs ? { attrs } : {}),
    ...(node.content ? { content: node.content.map((c) => shiftHeadings(c, by)) } : {}),
  };
}

/** True when the notes hold any text at all (an empty outline is not worth a section). */
export function hasNotes(notes: JSONContent): boolean {
  const walk = (n: JSONContent): boolean => (n.type === 'text' && !!n.text?.trim()) || (n.content ?? []).some(walk);
  return walk(notes);
}

// Text we write ourselves (titles, names) goes through the same escaping as notes text.
const inlineText = (text: string) =>
  notesToMarkdown({
    type: 'doc',
    content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }],
  }).trim();

function roomLabel(room: string): string {
  return /\broom\b/i.test(room) ? room : `Room ${room}`;
}

/** "Day 1, 10:00–10:45, Room Aft · hosted by Priya N." (names only with attribution). */
export function sessionMetaLine(s: ExportSession, opts: ExportOptions): string {
  const when = s.dayNumber !== null && s.start ? `Day ${s.dayNumber}, ${s.start}–${s.end}` : 'Not scheduled';
  const parts = [[when, s.room ? roomLabel(s.room) : null].filter(Boolean).join(', ')];
  if (opts.attribution && s.hosts.length) parts.push(`hosted by ${joinNames(s.hosts)}`);
  return `*${inlineText(parts.join(' · '))}*`;
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** One session: its heading (with an explicit anchor when given), the meta line, the notes. */
export function sessionSection(
  s: ExportSession,
  level: 1 | 2,
  opts: ExportOptions,
  anchor: string | null = null,
): string {
  const heading = `${'#'.repeat(level)} ${inlineText(s.title)}${anchor ? ` {#${anchor}}` : ''}`;
  const notes = level === 1 ? (s.notes.markdownTop ?? s.notes.markdown) : s.notes.markdown;
  return [heading, sessionMetaLine(s, opts), notes.trimEnd()].filter(Boolean).join('\n\n');
}

const hasHeading = (n: JSONContent): boolean => n.type === 'heading' || (n.content ?? []).some(hasHeading);

/** The notes (ProseMirror JSON of the notes schema) in the forms the export writes. */
export function renderNotes(notes: JSONContent): RenderedNotes {
  return {
    hasNotes: hasNotes(notes),
    markdown: notesToMarkdown(shiftHeadings(notes, 2)),
    markdownTop: hasHeading(notes) ? notesToMarkdown(shiftHeadings(notes, 1)) : null,
  };
}

/** A YAML double-quoted scalar: JSON strings are valid YAML. */
const yamlString = (s: string) => JSON.stringify(s);

export interface EventDocumentInput {
  title: string;
  startDate: string;
  summary: string;
  sessions: ExportSession[];
}

/** The whole event: title (or Jekyll front matter and a table of contents), then one `##` section per session. */
export function eventDocument(ev: EventDocumentInput, opts: ExportOptions): string {
  const title = `${ev.title}: session notes`;
  const out: string[] = [];
  let anchors: (string | null)[] = ev.sessions.map(() => null);
  if (opts.format === 'jekyll') {
    out.push(
      [
        '---',
        'layout: post',
        `title: ${yamlString(title)}`,
        `date: ${ev.startDate}`,
        `summary: ${yamlString(ev.summary)}`,
        '---',
      ].join('\n'),
    );
    // Explicit ids ({#id}, kramdown's syntax) so the links land whatever id scheme the site uses.
    const slug = createSlugger();
    slug('contents');
    anchors = ev.sessions.map((s) => slug(s.title));
    const toc = ev.sessions.map((s, i) => `- [${inlineText(s.title)}](#${anchors[i]})`).join('\n');
    out.push(`## Contents {#contents}\n\n${toc || '_No sessions yet._'}`);
  } else {
    out.push(`# ${inlineText(title)}`);
  }
  ev.sessions.forEach((s, i) => out.push(sessionSection(s, 2, opts, anchors[i] ?? null)));
  return out.join('\n\n') + '\n';
}

/** One session on its own: `#` title, the meta line, the notes. */
export function sessionDocument(
  s: ExportSession,
  opts: ExportOptions & { eventTitle: string; startDate: string },
): string {
  if (opts.format === 'jekyll') {
    const front = [
      '---',
      'layout: post',
      `title: ${yamlString(s.title)}`,
      `date: ${opts.startDate}`,
      `summary: ${yamlString(`Notes from a session of ${opts.eventTitle}`)}`,
      '---',
    ].join('\n');
    return `${front}\n\n${sessionSection(s, 2, opts)}\n`;
  }
  return sessionSection(s, 1, opts) + '\n';
}
