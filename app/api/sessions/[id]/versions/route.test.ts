import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { jsonToYState, markdownToJSON } from '@/lib/editor/import-notes';
import { docNameForSession } from '@/lib/notes/doc-name';
import { addMember, buildEvent, buildSession, buildUser, sessionCookieFor } from '@/test/builders';
import { callRoute } from '@/test/call-route';
import { GET as getVersion } from './[versionId]/route';
import { GET, POST } from './route';

async function setUp() {
  const { event, organiserId } = await buildEvent({ visibility: 'PUBLIC' });
  const organiser = (await db.user.findUniqueOrThrow({ where: { id: organiserId } }))!;
  const attendee = await buildUser();
  await addMember(event.id, attendee.id);
  const host = await buildUser();
  await addMember(event.id, host.id);
  const session = await buildSession(event.id, { proposerId: host.id });
  const cookies = {
    organiser: await sessionCookieFor(organiser),
    attendee: await sessionCookieFor(attendee),
    host: await sessionCookieFor(host),
    outsider: await sessionCookieFor(await buildUser()),
  };
  return { session, cookies, docName: docNameForSession(session.id) };
}

/** Writes notes into the document's update log, as the collab server would have. */
async function writeNotes(docName: string, markdown: string) {
  await db.docUpdate.create({ data: { docName, data: new Uint8Array(jsonToYState(markdownToJSON(markdown))) } });
}

describe('note versions API', () => {
  afterEach(() => {
    delete process.env.NOTES_NAMED_VERSIONS_PER_USER;
    resetEnvCache();
  });

  it('keeps at most NOTES_NAMED_VERSIONS_PER_USER named versions per person and document (409 beyond)', async () => {
    process.env.NOTES_NAMED_VERSIONS_PER_USER = '2';
    resetEnvCache();
    const { session, cookies, docName } = await setUp();
    await writeNotes(docName, '* a point\n');
    const p = { id: session.id };
    const name = (n: number) => ({ kind: 'MANUAL', name: `v${n}` });
    expect((await callRoute(POST, 'POST', p, { cookie: cookies.attendee, body: name(1) })).status).toBe(201);
    expect((await callRoute(POST, 'POST', p, { cookie: cookies.attendee, body: name(2) })).status).toBe(201);
    const third = await callRoute(POST, 'POST', p, { cookie: cookies.attendee, body: name(3) });
    expect(third.status).toBe(409);
    expect(third.json).toMatchObject({ error: { code: 'conflict', field: 'name' } });
    // Someone else's, and another document's, are counted apart.
    expect((await callRoute(POST, 'POST', p, { cookie: cookies.host, body: name(1) })).status).toBe(201);
    const other = await setUp();
    await writeNotes(other.docName, '* b\n');
    expect(
      (await callRoute(POST, 'POST', { id: other.session.id }, { cookie: other.cookies.organiser, body: name(1) }))
        .status,
    ).toBe(201);
    expect(await db.noteVersion.count({ where: { docName, kind: 'MANUAL' } })).toBe(3);
  });

  it('records named versions from the server copy, with author, for members only', async () => {
    const { session, cookies, docName } = await setUp();
    await writeNotes(docName, '* first point\n  * a reply\n');
    const p = { id: session.id };
    const made = await callRoute(POST, 'POST', p, {
      cookie: cookies.attendee,
      body: { kind: 'MANUAL', name: 'After the intro' },
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ version: { kind: 'MANUAL', name: 'After the intro' } });

    expect(
      (await callRoute(POST, 'POST', p, { cookie: cookies.outsider, body: { kind: 'MANUAL', name: 'x' } })).status,
    ).toBe(403);
    expect((await callRoute(POST, 'POST', p, { body: { kind: 'MANUAL', name: 'x' } })).status).toBe(401);
    expect((await callRoute(POST, 'POST', p, { cookie: cookies.attendee, body: { kind: 'MANUAL' } })).status).toBe(400);
    expect(
      (await callRoute(POST, 'POST', p, { cookie: cookies.attendee, body: { kind: 'EVIL', name: 'x' } })).status,
    ).toBe(400);
    expect(
      (
        await callRoute(POST, 'POST', p, {
          cookie: cookies.attendee,
          body: { kind: 'MANUAL', name: 'x', data: 'AAAA' },
        })
      ).status,
    ).toBe(400);
    // Only organisers and hosts keep a "before restore" version.
    expect(
      (await callRoute(POST, 'POST', p, { cookie: cookies.attendee, body: { kind: 'RESTORE', name: 'x' } })).status,
    ).toBe(403);
    expect(
      (await callRoute(POST, 'POST', p, { cookie: cookies.host, body: { kind: 'RESTORE', name: 'Before restoring' } }))
        .status,
    ).toBe(201);

    // Anyone who may read the notes sees the list (public event), newest first, with author names.
    const list = await callRoute(GET, 'GET', p);
    expect(list.status).toBe(200);
    const versions = (list.json as { versions: { id: string; name: string; createdBy: { name: string } }[] }).versions;
    expect(versions.map((v) => v.name)).toEqual(['Before restoring', 'After the intro']);

    // Preview: organisers and hosts only.
    const id = versions[1]!.id;
    expect(
      (await callRoute(getVersion, 'GET', { id: session.id, versionId: id }, { cookie: cookies.attendee })).status,
    ).toBe(403);
    const preview = await callRoute(
      getVersion,
      'GET',
      { id: session.id, versionId: id },
      { cookie: cookies.organiser },
    );
    expect(preview.status).toBe(200);
    expect(JSON.stringify(preview.json)).toContain('a reply');
    // A version of another session is not found through this one.
    const other = await setUp();
    expect(
      (await callRoute(getVersion, 'GET', { id: other.session.id, versionId: id }, { cookie: cookies.organiser }))
        .status,
    ).toBe(403);
    expect(
      (await callRoute(getVersion, 'GET', { id: other.session.id, versionId: id }, { cookie: other.cookies.organiser }))
        .status,
    ).toBe(404);
  });

  it('skips automatic snapshots of empty or unchanged notes and too close together', async () => {
    const { session, cookies, docName } = await setUp();
    const p = { id: session.id };
    const auto = (reason: string) =>
      callRoute(POST, 'POST', p, { cookie: cookies.attendee, body: { kind: 'AUTO', reason } });
    expect((await auto('interval')).json).toEqual({ skipped: 'empty' });
    await writeNotes(docName, '* something said\n');
    expect((await auto('interval')).status).toBe(201);
    expect((await auto('interval')).json).toEqual({ skipped: 'unchanged' });
    await writeNotes(docName, '* more said\n');
    expect((await auto('interval')).json).toEqual({ skipped: 'too_soon' });
    // The end of the slot is always worth a snapshot when something changed.
    expect((await auto('slot-end')).status).toBe(201);
    expect(await db.noteVersion.count({ where: { docName, kind: 'AUTO' } })).toBe(2);
  });
});
