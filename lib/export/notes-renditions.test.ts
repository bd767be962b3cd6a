import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { jsonToYState, markdownToJSON } from '@/lib/editor/import-notes';
import { registerAcceptedEditsFlush } from '@/lib/notes/accepted-edits';
import { docNameForSession } from '@/lib/notes/doc-name';
import { buildEvent, buildSession } from '@/test/builders';
import {
  connectClient,
  notesFixture,
  notesText,
  startCollab,
  storedText,
  waitFor,
  waitSynced,
  type Client,
  type RunningCollab,
} from '@/test/collab-support';
import { compactDoc } from '@/server/collab/persistence';
import { notesRenditionsHook } from '@/server/collab/notes-renditions-hook';
import { clearRenditionMemory, loadRenderedNotes, storedVersions } from './notes-renditions';

// Exports read each document's rendition instead of converting it; these tests pin down when a
// kept rendition may be used (its version is the stored state's now) and that an edit the collab
// server accepted before an export is always in it.

const servers: RunningCollab[] = [];
const clients: Client[] = [];
afterAll(async () => {
  registerAcceptedEditsFlush(null);
  for (const c of clients) c.destroy();
  for (const s of servers) await s.close();
});

async function sessionDoc(markdown: string) {
  const { event } = await buildEvent();
  const session = await buildSession(event.id);
  const docName = docNameForSession(session.id);
  await appendNotes(docName, markdown);
  return docName;
}

/** An edit as the collab server stores it: one more row in the document's log. */
async function appendNotes(docName: string, markdown: string) {
  await db.docUpdate.create({ data: { docName, data: new Uint8Array(jsonToYState(markdownToJSON(markdown))) } });
}

const markdownOf = async (docName: string) => (await loadRenderedNotes([docName])).get(docName)!.markdown;
// Separately made updates are concurrent inserts: Yjs orders them by client id, not by time.
const pointsOf = async (docName: string) => (await markdownOf(docName)).split('\n').filter(Boolean).sort();

describe('notes renditions', () => {
  it('are kept in the database and read back by a fresh process while the stored state is unchanged', async () => {
    const docName = await sessionDoc('- first point\n');
    expect(await markdownOf(docName)).toBe('- first point\n');
    const row = await db.notesRendition.findUniqueOrThrow({ where: { docName } });
    expect(row.version).toBe((await storedVersions([docName])).get(docName));
    // A fresh process has nothing in memory: it reads the row, it does not convert the document.
    clearRenditionMemory();
    await db.notesRendition.update({ where: { docName }, data: { markdown: '- as kept\n' } });
    expect(await markdownOf(docName)).toBe('- as kept\n');
  });

  it('are never used once the document has a new edit, in memory or in the database', async () => {
    const docName = await sessionDoc('- first point\n');
    expect(await markdownOf(docName)).toBe('- first point\n');
    await appendNotes(docName, '- second point\n');
    // The memory entry is for the old version: converted again.
    expect(await pointsOf(docName)).toEqual(['- first point', '- second point']);
    await appendNotes(docName, '- third point\n');
    clearRenditionMemory();
    // So is the database row.
    expect(await pointsOf(docName)).toEqual(['- first point', '- second point', '- third point']);
    expect((await db.notesRendition.findUniqueOrThrow({ where: { docName } })).markdown).toContain('third point');
  });

  it('are not used when made by other conversion code, and survive compaction with the same content', async () => {
    const docName = await sessionDoc('# Heading\n\n- point\n');
    const before = (await loadRenderedNotes([docName])).get(docName)!;
    expect(before).toEqual({
      hasNotes: true,
      markdown: '### Heading\n\n- point\n',
      markdownTop: '## Heading\n\n- point\n',
    });
    clearRenditionMemory();
    await db.notesRendition.update({ where: { docName }, data: { renderer: 'older-code', markdown: 'stale' } });
    expect(await markdownOf(docName)).toBe('### Heading\n\n- point\n');

    await appendNotes(docName, '- after\n');
    const beforeCompaction = await markdownOf(docName);
    expect(beforeCompaction).toContain('- after');
    const versionBefore = (await storedVersions([docName])).get(docName);
    expect(await compactDoc(db, docName)).toBe('compacted');
    expect((await storedVersions([docName])).get(docName)).not.toBe(versionBefore);
    expect(await markdownOf(docName)).toBe(beforeCompaction);
  });

  it('read the notes of documents without any stored state as empty', async () => {
    const { event } = await buildEvent();
    const docName = docNameForSession((await buildSession(event.id)).id);
    expect((await loadRenderedNotes([docName])).get(docName)).toEqual({
      hasNotes: false,
      markdown: '',
      markdownTop: null,
    });
  });

  it('include an edit the collab server accepted but has not stored yet', async () => {
    // A persist interval far longer than the test: the edit is only in the server's memory.
    const running = await startCollab({ persistIntervalMs: 600_000 });
    servers.push(running);
    registerAcceptedEditsFlush(() => running.server.flush());
    const { docName, token } = await notesFixture();
    const writer = connectClient(running.url, docName, token);
    clients.push(writer);
    await waitSynced(writer);
    await markdownOf(docName);
    writer.text.insert(0, 'decided: ship on Friday');
    await waitFor(() => notesText(running.server.docs.get(docName)?.ydoc).toString().includes('ship on Friday'), {
      what: 'the server accepted the edit',
    });
    expect(await storedText(docName)).not.toContain('ship on Friday');
    expect(await markdownOf(docName)).toContain('decided: ship on Friday');
  });

  it('are made by the collab server shortly after it stored edits', async () => {
    const hook = notesRenditionsHook({ db, quietMs: 10 });
    const running = await startCollab({}, 0, { hooks: [hook] });
    servers.push(running);
    const { docName, token } = await notesFixture();
    const writer = connectClient(running.url, docName, token);
    clients.push(writer);
    await waitSynced(writer);
    writer.text.insert(0, 'rendered by the server');
    await waitFor(async () => (await storedText(docName)).includes('rendered by the server'), { what: 'stored' });
    await running.server.flush();
    await hook.settled();
    const row = await db.notesRendition.findUniqueOrThrow({ where: { docName } });
    expect(row.markdown).toContain('rendered by the server');
    expect(row.version).toBe((await storedVersions([docName])).get(docName));
  });
});
