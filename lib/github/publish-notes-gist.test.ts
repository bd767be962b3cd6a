import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { jsonToYState, markdownToJSON } from '@/lib/editor/import-notes';
import { resetEnvCache } from '@/lib/env';
import { docNameForSession } from '@/lib/notes/doc-name';
import { buildEvent, buildRoom, buildSession, buildSlot, buildUser, sessionCookieFor } from '@/test/builders';
import { callRoute } from '@/test/call-route';
import { POST as publishEvent } from '@/app/api/events/[slug]/gist/route';
import { POST as publishSession } from '@/app/api/sessions/[id]/gist/route';
import { startFakeGithub, type FakeGithubServer } from '@/e2e/fixtures/fake-github';
import { finishGithubConnect, startGithubConnect } from './github-connect';
import { encryptStoredGithubTokens, encryptToken, readGithubToken } from './github-token';

let github: FakeGithubServer;

beforeAll(async () => {
  github = await startFakeGithub(0);
  Object.assign(process.env, {
    GITHUB_URL: github.url,
    GITHUB_API_URL: `${github.url}/api/v3`,
    GITHUB_ID: 'fake-client-id',
    GITHUB_SECRET: 'fake-client-secret',
  });
  resetEnvCache();
});
afterAll(async () => {
  github.close();
  for (const k of ['GITHUB_URL', 'GITHUB_API_URL', 'GITHUB_ID', 'GITHUB_SECRET']) delete process.env[k];
  resetEnvCache();
});

let n = 0;
async function setUp(opts: { scopes?: string[] } = {}) {
  const user = await buildUser({ name: 'Gist Author' });
  const { event } = await buildEvent({ organiserId: user.id, title: 'Harbour Unconf' });
  const room = await buildRoom(event.id, { name: 'Aft' });
  const slot = await buildSlot(event.id);
  const a = await buildSession(event.id, {
    title: 'Incident reviews',
    slotId: slot.id,
    roomId: room.id,
    proposerId: user.id,
  });
  const b = await buildSession(event.id, { title: 'Feature flags', proposerId: user.id });
  for (const [s, md] of [
    [a, '- reviews\n  - nested\n'],
    [b, '- flags\n'],
  ] as const) {
    await db.docUpdate.create({
      data: { docName: docNameForSession(s.id), data: new Uint8Array(jsonToYState(markdownToJSON(md))) },
    });
  }
  const token = `gho_test_${++n}_${Date.now()}`;
  const ghUser = { id: 900_000 + n, login: `author-${n}`, name: 'Author', email: `a${n}@example.test`, avatar_url: '' };
  github.fake.addToken(token, opts.scopes ?? ['gist', 'read:user'], ghUser);
  await db.account.create({
    data: {
      userId: user.id,
      type: 'oauth',
      provider: 'github',
      providerAccountId: String(ghUser.id),
      access_token: encryptToken(token),
      scope: (opts.scopes ?? ['gist', 'read:user']).join(','),
    },
  });
  return { user, event, a, b, token, cookie: await sessionCookieFor(user) };
}

type Published = { gistId: string; url: string; public: boolean; created: boolean };

describe('publishing notes as a gist', () => {
  it('creates one file per session plus a README index, then updates the same gist with PATCH', async () => {
    const { event, a, b, cookie, token } = await setUp();
    const first = await callRoute(publishEvent, 'POST', { slug: event.slug }, { cookie, body: { public: true } });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const made = first.json as unknown as Published;
    expect(made).toMatchObject({ public: true, created: true });
    const gist = github.fake.gists.get(made.gistId)!;
    expect(made.url).toBe(`${github.url}/gist/${made.gistId}`);
    expect([...gist.files.keys()].sort()).toEqual(['01-incident-reviews.md', '02-feature-flags.md', 'README.md']);
    expect(gist.files.get('01-incident-reviews.md')!.content).toBe(
      '# Incident reviews\n\n*Day 1, 10:00–10:45, Room Aft · hosted by Gist Author*\n\n- reviews\n  - nested\n',
    );
    expect(gist.files.get('README.md')!.content).toBe(
      '# Harbour Unconf: session notes\n\n1. [Incident reviews](#file-01-incident-reviews-md)\n2. [Feature ' +
        'flags](#file-02-feature-flags-md)\n',
    );
    expect(gist.description).toBe('Harbour Unconf: session notes');
    expect(gist.public).toBe(true);

    // Second publish: a session left, notes changed: the same gist, a new revision, the stale file deleted.
    await db.session.update({ where: { id: b.id }, data: { status: 'WITHDRAWN' } });
    await db.docUpdate.create({
      data: { docName: docNameForSession(a.id), data: new Uint8Array(jsonToYState(markdownToJSON('- more\n'))) },
    });
    const second = await callRoute(publishEvent, 'POST', { slug: event.slug }, { cookie, body: { public: true } });
    expect(second.status, JSON.stringify(second.json)).toBe(200);
    expect(second.json).toMatchObject({ gistId: made.gistId, created: false });
    expect(gist.revisions).toBe(2);
    expect([...gist.files.keys()].sort()).toEqual(['01-incident-reviews.md', 'README.md']);
    const patch = github.fake.requests.filter((r) => r.method === 'PATCH').at(-1)!.body as {
      files: Record<string, unknown>;
    };
    expect(patch.files['02-feature-flags.md']).toBeNull();
    expect(Object.keys(patch)).not.toContain('public');
    expect(await db.gistPublication.count({ where: { eventId: event.id } })).toBe(1);
    // The token went to GitHub, never in clear text to the database.
    const stored = await db.account.findFirstOrThrow({
      where: {
        provider: 'github',
        userId: (await db.gistPublication.findFirstOrThrow({ where: { eventId: event.id } })).userId,
      },
    });
    expect(stored.access_token).not.toContain(token);
  });

  it('publishes one session, or the whole event as one secret file', async () => {
    const { event, a, cookie } = await setUp();
    const one = await callRoute(publishSession, 'POST', { id: a.id }, { cookie, body: { attribution: 'none' } });
    expect(one.status, JSON.stringify(one.json)).toBe(200);
    const g = github.fake.gists.get((one.json as unknown as Published).gistId)!;
    expect(g.public).toBe(false);
    expect([...g.files.values()].map((f) => f.content).join('')).not.toContain('Gist Author');
    const single = await callRoute(publishEvent, 'POST', { slug: event.slug }, { cookie, body: { layout: 'single' } });
    expect([...github.fake.gists.get((single.json as unknown as Published).gistId)!.files.keys()]).toEqual([
      `${event.slug}-notes.md`,
    ]);
    expect(
      (await callRoute(publishEvent, 'POST', { slug: event.slug }, { cookie, body: { layout: 'zip' } })).status,
    ).toBe(400);
  });

  it('publishes one session only once a host approved it, when the event asks for approval', async () => {
    const { event, a, user, cookie } = await setUp();
    await db.event.update({
      where: { id: event.id },
      data: { settings: JSON.stringify({ requireNotesApproval: true }) },
    });
    const gists = github.fake.gists.size;
    // Even the organiser, who reads the notes in the app: a gist is a publication.
    const refused = await callRoute(publishSession, 'POST', { id: a.id }, { cookie, body: {} });
    expect(refused.status).toBe(403);
    expect(github.fake.gists.size).toBe(gists);
    expect(await db.gistPublication.count({ where: { eventId: event.id } })).toBe(0);
    await db.notesApproval.create({ data: { sessionId: a.id, eventId: event.id, approvedById: user.id } });
    expect((await callRoute(publishSession, 'POST', { id: a.id }, { cookie, body: {} })).status).toBe(200);
    expect(github.fake.gists.size).toBe(gists + 1);
  });

  it('turns GitHub errors into clear messages and saves nothing half-way', async () => {
    const { event, cookie, token } = await setUp();
    const publish = () => callRoute(publishEvent, 'POST', { slug: event.slug }, { cookie, body: {} });

    github.fake.failNext({
      status: 403,
      message: 'API rate limit exceeded',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.UTC(2030, 0, 1, 14, 5) / 1000) },
    });
    const limited = await publish();
    expect(limited.status).toBe(429);
    expect(limited.json?.error?.message).toBe('GitHub’s rate limit is reached; try again after 14:05 UTC.');

    github.fake.failNext({ status: 422, message: 'Validation Failed' });
    const invalid = await publish();
    expect(invalid.status).toBe(400);
    expect(invalid.json?.error?.message).toMatch(/^GitHub rejected the gist: Validation Failed/);

    github.fake.failNext({ status: 500, message: 'boom' });
    expect((await publish()).json?.error?.message).toBe('GitHub answered 500; try again in a moment.');
    expect(await db.gistPublication.count({ where: { eventId: event.id } })).toBe(0);

    const made = (await publish()).json as unknown as Published;
    // Deleted on GitHub: a clear message, and the next publish makes a new gist.
    github.fake.gists.delete(made.gistId);
    const gone = await publish();
    expect(gone.status).toBe(404);
    expect(gone.json?.error?.message).toBe('The gist was deleted on GitHub. Publish again to create a new one.');
    const again = (await publish()).json as unknown as Published;
    expect(again.created).toBe(true);
    expect(again.gistId).not.toBe(made.gistId);

    // Token revoked on GitHub.
    github.fake.tokens.delete(token);
    const revoked = await publish();
    expect(revoked.status).toBe(403);
    expect(revoked.json?.error).toMatchObject({
      field: 'github',
      message: 'GitHub no longer accepts Hallway’s access to your account. Connect GitHub again.',
    });
  });

  it('asks for GitHub consent when there is no token with the gist scope, and checks the state', async () => {
    const { event, cookie, user } = await setUp({ scopes: ['read:user'] });
    const res = await callRoute(publishEvent, 'POST', { slug: event.slug }, { cookie, body: {} });
    expect(res.status).toBe(409);
    expect(res.json?.error?.field).toBe('github');
    const outsider = await buildUser();
    expect((await callRoute(publishEvent, 'POST', { slug: event.slug }, { body: {} })).status).toBe(401);
    await db.event.update({ where: { id: event.id }, data: { visibility: 'PRIVATE' } });
    expect(
      (
        await callRoute(
          publishEvent,
          'POST',
          { slug: event.slug },
          { cookie: await sessionCookieFor(outsider), body: {} },
        )
      ).status,
    ).toBe(404);

    const actor = { userId: user.id, isGuest: false, guestEventId: null };
    const start = startGithubConnect({ actor, returnTo: '//evil.example/x' });
    const authorize = new URL(start.location);
    expect(authorize.searchParams.get('scope')).toBe('gist');
    expect(authorize.searchParams.get('redirect_uri')).toBe('http://localhost:3000/api/auth/callback/github/link');
    const consent = await fetch(start.location, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    const code = back.searchParams.get('code');
    const state = back.searchParams.get('state');
    expect(state).toBe(authorize.searchParams.get('state'));
    // A state that is not this browser's, or a cookie of someone else, is refused.
    await expect(
      finishGithubConnect({ actor, code, state: 'x'.repeat(state!.length), cookie: start.cookie }),
    ).rejects.toThrow('could not be verified');
    await expect(
      finishGithubConnect({ actor: { ...actor, userId: outsider.id }, code, state, cookie: start.cookie }),
    ).rejects.toThrow('could not be verified');
    expect(await finishGithubConnect({ actor, code, state, cookie: start.cookie })).toEqual({ returnTo: '/events' });
    const grant = await readGithubToken(user.id);
    expect(grant?.scopes).toContain('gist');
    await db.event.update({ where: { id: event.id }, data: { visibility: 'PUBLIC' } });
    expect((await callRoute(publishEvent, 'POST', { slug: event.slug }, { cookie, body: {} })).status).toBe(200);
  });

  it('encrypts GitHub tokens kept in clear text by older versions', async () => {
    const user = await buildUser();
    const other = await buildUser();
    await db.account.create({
      data: {
        userId: user.id,
        type: 'oauth',
        provider: 'github',
        providerAccountId: `legacy-${Date.now()}`,
        access_token: 'gho_clear_text_legacy',
        scope: 'gist',
      },
    });
    await db.account.create({
      data: {
        userId: other.id,
        type: 'oauth',
        provider: 'github',
        providerAccountId: `legacy2-${Date.now()}`,
        access_token: 'gho_clear_text_other',
        scope: 'gist',
      },
    });
    expect((await readGithubToken(user.id))?.token).toBe('gho_clear_text_legacy');
    expect((await db.account.findFirstOrThrow({ where: { userId: user.id } })).access_token).toMatch(/^v1:/);
    expect(await encryptStoredGithubTokens()).toBeGreaterThanOrEqual(1);
    const row = await db.account.findFirstOrThrow({ where: { userId: other.id } });
    expect(row.access_token).toMatch(/^v1:/);
    expect(row.access_token).not.toContain('gho_clear_text_other');
    expect((await readGithubToken(other.id))?.token).toBe('gho_clear_text_other');
  });
});
