import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeStateAsUpdate } from 'yjs';
import { signCollabToken } from '@/lib/auth/collab-token';
import { db } from '@/lib/db';
import { yStateToJSON, yStateToMarkdown } from '@/lib/editor/convert';
import { markdownToJSON } from '@/lib/editor/import-notes';
import { outlineShape } from '@/lib/editor/outline-shape';
import { resetEnvCache } from '@/lib/env';
import { docNameForSession } from '@/lib/notes/doc-name';
import {
  addMember,
  buildEvent,
  buildRoom,
  buildSession,
  buildSlot,
  buildUser,
  sessionCookieFor,
} from '@/test/builders';
import { connectClient, startCollab, waitFor, waitSynced, type RunningCollab } from '@/test/collab-support';
import { GET as eventNotes } from '@/app/api/events/[slug]/notes.md/route';
import { POST as importEvent } from '@/app/api/events/[slug]/notes/import/route';
import { PUT as putNotes } from '@/app/api/sessions/[id]/notes/route';
import { GET as sessionNotes } from '@/app/api/sessions/[id]/notes.md/route';
import { eventNotesFixture } from '@/test/event-notes-fixture';

let collab: RunningCollab;

beforeAll(async () => {
  collab = await startCollab();
  process.env.COLLAB_INTERNAL_URL = collab.url;
  resetEnvCache();
});
afterAll(async () => {
  await collab.close();
  delete process.env.COLLAB_INTERNAL_URL;
  resetEnvCache();
});

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;
async function call<P extends object>(
  handler: Handler<P>,
  method: string,
  params: P,
  opts: { query?: string; cookie?: string; body?: string | Uint8Array<ArrayBuffer>; type?: string } = {},
) {
  const headers = new Headers();
  if (opts.cookie) headers.set('cookie', opts.cookie);
  if (opts.type) headers.set('content-type', opts.type);
  const req = new Request(`http://localhost:3000/api/test${opts.query ?? ''}`, { method, headers, body: opts.body });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: res.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

async function setUp() {
  const { event, organiserId } = await buildEvent({ visibility: 'PUBLIC' });
  const organiser = await db.user.findUniqueOrThrow({ where: { id: organiserId } });
  const attendee = await buildUser();
  await addMember(event.id, attendee.id);
  const session = await buildSession(event.id, { proposerId: attendee.id });
  return {
    event,
    session,
    organiser,
    attendee,
    cookies: {
      organiser: await sessionCookieFor(organiser),
      attendee: await sessionCookieFor(attendee),
      outsider: await sessionCookieFor(await buildUser()),
    },
  };
}

const exported = async (sessionId: string) => (await call(sessionNotes, 'GET', { id: sessionId })).text;

describe('Markdown import through the collaboration server', () => {
  it('replaces and appends notes live for people in the document, and the export reads them back', async () => {
    const { session, attendee, cookies } = await setUp();
    const docName = docNameForSession(session.id);
    const watcher = connectClient(
      collab.url,
      docName,
      signCollabToken({ userId: attendee.id, docName, readOnly: false, ttlSeconds: 600 }).token,
    );
    try {
      await waitSynced(watcher);
      const md = '- first point\n  - a reply with `code`\n    - [x] done\n';
      const put = await call(
        putNotes,
        'PUT',
        { id: session.id },
        { cookie: cookies.attendee, body: md, type: 'text/markdown' },
      );
      expect(put.status, put.text).toBe(200);
      expect(put.json).toEqual({ sessionId: session.id, mode: 'replace' });
      // The person already in the document sees it without reloading.
      await waitFor(() => yStateToMarkdown(encodeStateAsUpdate(watcher.doc)) === md, {
        what: 'the import to reach the open document',
      });

      const more = await call(
        putNotes,
        'PUT',
        { id: session.id },
        {
          cookie: cookies.attendee,
          body: '- second point\n',
          type: 'text/markdown; charset=utf-8',
          query: '?mode=append',
        },
      );
      expect(more.status, more.text).toBe(200);
      await waitFor(() => yStateToMarkdown(encodeStateAsUpdate(watcher.doc)).endsWith('- second point\n'), {
        what: 'the append',
      });
      // Everything went through the server: the stored document has it too (within its persist window).
      await waitFor(async () => (await exported(session.id)).endsWith(`\n\n${md}- second point\n`), {
        what: 'stored notes',
      });
      expect(outlineShape(yStateToJSON(encodeStateAsUpdate(watcher.doc)))).toEqual([
        [['first point', [['a reply with code', ['done']]]], 'second point'],
      ]);

      const again = await call(
        putNotes,
        'PUT',
        { id: session.id },
        { cookie: cookies.attendee, body: '- only this\n', type: 'text/markdown' },
      );
      expect(again.status).toBe(200);
      await waitFor(() => yStateToMarkdown(encodeStateAsUpdate(watcher.doc)) === '- only this\n', {
        what: 'the replace',
      });
    } finally {
      watcher.destroy();
    }
  });

  it('refuses what is not allowed or not Markdown, writing nothing', async () => {
    const { event, session, cookies } = await setUp();
    const put = (opts: Parameters<typeof call>[3]) => call(putNotes, 'PUT', { id: session.id }, opts);
    expect((await put({ body: '- x', type: 'text/markdown' })).status).toBe(401);
    expect((await put({ cookie: cookies.outsider, body: '- x', type: 'text/markdown' })).status).toBe(403);
    expect((await put({ cookie: cookies.attendee, body: '{"a":1}', type: 'application/json' })).status).toBe(400);
    expect(
      (
        await put({
          cookie: cookies.attendee,
          body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]),
          type: 'text/markdown',
        })
      ).status,
    ).toBe(400);
    expect((await put({ cookie: cookies.attendee, body: '- x'.repeat(200_000), type: 'text/markdown' })).status).toBe(
      400,
    );
    expect(
      (await put({ cookie: cookies.attendee, body: '- x', type: 'text/markdown', query: '?mode=merge' })).status,
    ).toBe(400);
    const imp = (opts: Parameters<typeof call>[3]) => call(importEvent, 'POST', { slug: event.slug }, opts);
    expect((await imp({ cookie: cookies.attendee, body: '## A\n\n- x\n', type: 'text/markdown' })).status).toBe(403);
    expect((await imp({ cookie: cookies.organiser, body: 'no headings here\n', type: 'text/markdown' })).status).toBe(
      400,
    );
    expect((await imp({ cookie: cookies.organiser, body: '## A\n\n- x\n', type: 'image/png' })).status).toBe(400);
    expect(
      (await imp({ cookie: cookies.organiser, body: `## A\n\n${'- x\n'.repeat(600_000)}`, type: 'text/markdown' }))
        .status,
    ).toBe(400);
    expect(await db.session.count({ where: { eventId: event.id } })).toBe(1);
    expect(await db.docUpdate.count({ where: { docName: docNameForSession(session.id) } })).toBe(0);
  });

  it('imports a whole event (the published sample and a generated 16-session file) and exports every bullet back', async () => {
    const { event, cookies } = await setUp();
    const room = await buildRoom(event.id, { name: 'Aft' });
    const slot = await buildSlot(event.id, { startsAt: new Date('2026-06-11T09:00:00Z') });
    // One session exists already, under a title without the "Session 1:" prefix: it is matched.
    const existing = await buildSession(event.id, {
      title: 'Incident reviews that people actually read',
      slotId: slot.id,
      roomId: room.id,
    });
    const file = eventNotesFixture(fs.readFileSync(path.join(__dirname, '../../test/fixtures/event-notes.md'), 'utf8'));
    expect(file.sessions).toBeGreaterThanOrEqual(15);
    expect(file.bullets).toBeGreaterThanOrEqual(400);

    const res = await call(
      importEvent,
      'POST',
      { slug: event.slug },
      { cookie: cookies.organiser, body: file.markdown, type: 'text/markdown' },
    );
    expect(res.status, res.text).toBe(200);
    const out = res.json as { created: { id: string; title: string }[]; matched: { id: string; title: string }[] };
    expect(out.matched).toEqual([{ id: existing.id, title: existing.title }]);
    expect(out.created).toHaveLength(file.sessions - 1);
    expect(out.created[0]!.title).toBe('Feature flags without the mess');

    const expected = new Map(
      file.sections.map((s) => [s.title.replace(/^Session \d+: /, ''), outlineShape(markdownToJSON(s.body))]),
    );
    await waitFor(
      async () => {
        const md = (await call(eventNotes, 'GET', { slug: event.slug })).text;
        const got = md.split(/^## /m).slice(1);
        if (got.length !== file.sessions) return false;
        for (const section of got) {
          const [title, ...rest] = section.split('\n');
          const shape = outlineShape(markdownToJSON(rest.join('\n').replace(/^\s*\*[^\n]*\*\n/, '')));
          expect(shape, title).toEqual(expected.get(title!));
        }
        return true;
      },
      { what: 'every session exported with its notes' },
    );
  });
});
