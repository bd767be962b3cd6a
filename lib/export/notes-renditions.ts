import { createHash } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import { mergeStoredUpdates } from '@/lib/collab/stored-doc';
import { db as defaultDb, type Db } from '@/lib/db';
import { retryOnConflict } from '@/lib/db-errors';
import { yStateToJSON } from '@/lib/editor/convert';
import { EDITOR_SCHEMA_VERSION } from '@/lib/editor/schema-version';
import { isUniqueViolation } from '@/lib/errors';
import { Y } from '@/lib/editor/server-yjs';
import { flushAcceptedEdits } from '@/lib/notes/accepted-edits';
import { renderNotes, type RenderedNotes } from './markdown-document';

// Converting a stored document to Markdown (Yjs decoding, ProseMirror JSON, the serializer) costs
// ~15 ms per 300 bullets, too much to repeat for every document of an event on each export. Each
// document's rendition is kept in the NotesRendition table (and in memory) with the version of the
// stored state it was made from; the collab server renders documents shortly after storing their
// edits (server/collab/notes-renditions-hook.ts), and an export renders whatever is not current.
//
// A version names a stored state exactly: the snapshot (lastUpdateId and time of the compaction
// that wrote it) and the ids of every log row. Log rows never change and are deleted only by the
// compaction that folds them into a new snapshot, so equal versions mean equal content, and a
// rendition is used only when its version is the one read now: never stale, at worst recomputed.

/** Bump when the export's Markdown changes in a way the probe below might not show (convert.ts, say). */
const RENDITION_FORMAT = 1;

// What the serializer makes of a varied outline: a new @tiptap/markdown or a change to our
// escaping that alters it retires every stored rendition. JSON, not Markdown: parsing Markdown in a
// fresh process costs more than the whole export.
const text = (t: string, mark?: JSONContent['marks']) => ({ type: 'text', text: t, ...(mark ? { marks: mark } : {}) });
const para = (...content: JSONContent[]) => ({ type: 'paragraph', content });
const PROBE: JSONContent = {
  type: 'doc',
  content: [
    {
      type: 'heading',
      attrs: { level: 1 },
      content: [text('Heading `with` '), text('link', [{ type: 'link', attrs: { href: 'https://example.org' } }])],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          attrs: { id: null },
          content: [
            para(
              text('level '),
              text('one', [{ type: 'italic' }]),
              text(' '),
              text('bold', [{ type: 'bold' }]),
              text('struck', [{ type: 'strike' }]),
              text(' a_b * # <tag> [x] '),
              text('a`b', [{ type: 'code' }]),
            ),
            {
              type: 'taskList',
              content: [
                { type: 'taskItem', attrs: { id: null, checked: false }, content: [para(text('open'))] },
                { type: 'taskItem', attrs: { id: null, checked: true }, content: [para(text('- done'))] },
              ],
            },
          ],
        },
      ],
    },
    para(text('1. not a list')),
  ],
};

let renderer: string | null = null;

/** The version of the conversion code; renditions made by another are recomputed. */
export function currentRenderer(): string {
  if (renderer) return renderer;
  const probe = renderNotes(PROBE);
  const digest = createHash('sha1')
    .update(probe.markdown + '\0' + (probe.markdownTop ?? ''))
    .digest('base64url');
  return (renderer = `${RENDITION_FORMAT}.${EDITOR_SCHEMA_VERSION}.${digest.slice(0, 12)}`);
}

type SnapshotMark = { lastUpdateId: number; updatedAt: Date } | null;

function versionOf(snapshot: SnapshotMark, logIds: number[]): string {
  const ids = [...logIds].sort((a, b) => a - b);
  const digest = createHash('sha1').update(ids.join(',')).digest('base64url').slice(0, 16);
  const snap = snapshot ? `${snapshot.lastUpdateId}@${snapshot.updatedAt.getTime()}` : '-';
  return `${snap}/${ids.length}/${digest}`;
}

/** Each document's stored version now. The log before the snapshots, as the loaders read them. */
export async function storedVersions(docNames: string[], db: Db = defaultDb): Promise<Map<string, string>> {
  const rows = await db.docUpdate.findMany({
    where: { docName: { in: docNames } },
    select: { docName: true, id: true },
  });
  const snapshots = await db.docSnapshot.findMany({
    where: { docName: { in: docNames } },
    select: { docName: true, lastUpdateId: true, updatedAt: true },
  });
  const ids = new Map<string, number[]>();
  for (const r of rows) (ids.get(r.docName) ?? ids.set(r.docName, []).get(r.docName)!).push(r.id);
  const snaps = new Map(snapshots.map((s) => [s.docName, s]));
  return new Map(docNames.map((n) => [n, versionOf(snaps.get(n) ?? null, ids.get(n) ?? [])]));
}

interface Entry {
  version: string;
  renderer: string;
  notes: RenderedNotes;
}

// Renditions read or made by this process, most recently used last, within a size budget.
const MEMORY_BUDGET_CHARS = 48 * 1024 * 1024;
const memory = new Map<string, Entry>();
let memoryChars = 0;

const sizeOf = (e: Entry) => e.notes.markdown.length + (e.notes.markdownTop?.length ?? 0);

function remember(docName: string, entry: Entry): void {
  const old = memory.get(docName);
  if (old) memoryChars -= sizeOf(old);
  memory.delete(docName);
  memory.set(docName, entry);
  memoryChars += sizeOf(entry);
  while (memoryChars > MEMORY_BUDGET_CHARS && memory.size > 1) {
    const [oldest, e] = memory.entries().next().value!;
    memory.delete(oldest);
    memoryChars -= sizeOf(e);
  }
}

/** Forgets the renditions held in memory (the benchmark's fresh-process figures, tests). */
export function clearRenditionMemory(): void {
  memory.clear();
  memoryChars = 0;
}

const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * Renders documents from their stored state now and keeps the renditions (database and memory),
 * each with the version of exactly the rows and snapshot it read. Yields between documents, so a
 * server rendering many keeps answering.
 */
export async function renderStoredNotes(docNames: string[], db: Db = defaultDb): Promise<Map<string, RenderedNotes>> {
  const out = new Map<string, RenderedNotes>();
  if (docNames.length === 0) return out;
  const rows = await db.docUpdate.findMany({
    where: { docName: { in: docNames } },
    orderBy: { id: 'asc' },
    select: { docName: true, id: true, data: true },
  });
  const snapshots = await db.docSnapshot.findMany({
    where: { docName: { in: docNames } },
    select: { docName: true, data: true, lastUpdateId: true, updatedAt: true },
  });
  const logs = new Map<string, typeof rows>();
  for (const r of rows) (logs.get(r.docName) ?? logs.set(r.docName, []).get(r.docName)!).push(r);
  const snaps = new Map(snapshots.map((s) => [s.docName, s]));
  const by = currentRenderer();
  for (const name of docNames) {
    const snap = snaps.get(name) ?? null;
    const log = logs.get(name) ?? [];
    const parts = [...(snap ? [new Uint8Array(snap.data)] : []), ...log.map((r) => new Uint8Array(r.data))];
    const state = parts.length ? mergeStoredUpdates(parts) : EMPTY_STATE;
    const entry: Entry = {
      version: versionOf(
        snap,
        log.map((r) => r.id),
      ),
      renderer: by,
      notes: renderNotes(yStateToJSON(state)),
    };
    const data = { version: entry.version, renderer: by, ...entry.notes };
    // Two writers at once (an export, the collab server) both hold a valid rendition: either may win.
    await retryOnConflict(() =>
      db.notesRendition.upsert({ where: { docName: name }, create: { docName: name, ...data }, update: data }),
    ).catch((err: unknown) => {
      if (!isUniqueViolation(err)) throw err;
    });
    remember(name, entry);
    out.set(name, entry.notes);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/**
 * The rendered notes of each document as stored now, including every edit the collab server in
 * this process accepted before the call: from memory, else the NotesRendition table, else
 * rendered now, each only when made from the current stored version by the current code.
 */
export async function loadRenderedNotes(docNames: string[], db: Db = defaultDb): Promise<Map<string, RenderedNotes>> {
  const out = new Map<string, RenderedNotes>();
  if (docNames.length === 0) return out;
  await flushAcceptedEdits();
  const versions = await storedVersions(docNames, db);
  const by = currentRenderer();
  const current = (e: Pick<Entry, 'version' | 'renderer'> | undefined, name: string) =>
    !!e && e.renderer === by && e.version === versions.get(name);

  let missing: string[] = [];
  for (const name of docNames) {
    const e = memory.get(name);
    if (current(e, name)) {
      remember(name, e!);
      out.set(name, e!.notes);
    } else missing.push(name);
  }
  if (missing.length) {
    const stored = await db.notesRendition.findMany({ where: { docName: { in: missing } } });
    for (const r of stored) {
      if (!current(r, r.docName)) continue;
      const notes = { hasNotes: r.hasNotes, markdown: r.markdown, markdownTop: r.markdownTop };
      remember(r.docName, { version: r.version, renderer: r.renderer, notes });
      out.set(r.docName, notes);
    }
    missing = missing.filter((n) => !out.has(n));
  }
  // Rendered from what is stored now: at least as new as the versions read above.
  for (const [name, notes] of await renderStoredNotes(missing, db)) out.set(name, notes);
  return out;
}
