/**
 * The permissions table: every API route and method, asked by every kind of caller, for public,
 * unlisted and private events, through the real route handlers and a real database.
 *
 * A route file under app/api whose exported method has no entry here FAILS the first test, so new
 * routes cannot ship without saying who may call them.
 *
 * HOW TO ADD A ROUTE (one entry per route + method, in TABLE below):
 *   'METHOD path': {
 *     params: (fx) => ({ slug: fx.slug, ... }),   // route params; may create a fresh row per call
 *     body: (fx) => ({ ... }),                    // optional: a VALID body, so permissions decide
 *     markdown: '## Notes',                       // optional instead of body: sent as text/markdown
 *     expect: { anonymous, guest, attendee, organiser, otherOrganiser, revokedToken },
 *   }
 * `path` is the route's folder under app/api (`events/[slug]/rooms/[roomId]`). Each expected
 * status is a number for every visibility, `hidden(n)` for "n on public and unlisted events, 404
 * on private ones" (outsiders must not learn a private event exists), or { PUBLIC, UNLISTED,
 * PRIVATE }. The presets `readers`, `members` and `organisers` cover most routes. The roles:
 *   anonymous       no credentials
 *   guest           a guest account that joined this event through an invite link
 *   attendee        a member with the ATTENDEE role
 *   organiser       a member with the ORGANISER role (also the proposer of fx.sessionId)
 *   otherOrganiser  organiser of another event, not a member of this one
 *   revokedToken    `Authorization: Bearer` with the organiser's API token, deleted before the call
 * Routes not served by apiRoute's conventions (next-auth's own) go in NOT_HERE with the reason.
 *
 * The WebSocket endpoint (/collab/<doc>) has its own table, WS_TABLE, below: every caller and the
 * credential it would hold (no credentials, session cookie, collab token, API token, a revoked API
 * token, an expired collab token) against a real collab server, with the outcome per visibility:
 * refused with an HTTP status, accepted read-only (its edits are dropped), or accepted read-write
 * (its edits are stored).
 * A text/event-stream answer is cancelled once its status is known (the board stream never ends).
 * Imports write through a real collaboration server started here; GitHub is "configured" with
 * dummy credentials so the consent routes answer as they would in production.
 */
import { randomBytes } from 'node:crypto';
import WS from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCollabToken } from '@/lib/auth/collab-token';
import { db, type Visibility } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { jsonToYState, markdownToJSON } from '@/lib/editor/import-notes';
import { generateInviteToken } from '@/lib/invites/invite-token';
import { docNameForSession } from '@/lib/notes/doc-name';
import { seedNotes, startCollab, upgradeStatus, waitFor, type RunningCollab } from '@/test/collab-support';
import { loadStoredDoc } from '@/server/collab/persistence';
import { discoverApiRoutes, type RouteHandler } from '@/test/api-routes';
import {
  addMember,
  buildApiToken,
  buildEvent,
  buildRoom,
  buildSession,
  buildSlot,
  buildUser,
  sessionCookieFor,
} from '@/test/builders';

const ROLES = ['anonymous', 'guest', 'attendee', 'organiser', 'otherOrganiser', 'revokedToken'] as const;
type RoleName = (typeof ROLES)[number];
const VISIBILITIES: Visibility[] = ['PUBLIC', 'UNLISTED', 'PRIVATE'];

type Expected = number | Partial<Record<Visibility, number>>;
interface Fixture {
  visibility: Visibility;
  eventId: string;
  slug: string;
  organiserId: string;
  attendeeId: string;
  roomId: string;
  slotId: string;
  sessionId: string;
  /** Another open session of the event, to merge fresh ones into. */
  otherSessionId: string;
  versionId: string;
  inviteToken: string;
  /** The attendee's secret agenda feed token. */
  agendaToken: string;
  /** A fresh row per call, for routes that delete or consume what they are given. */
  fresh: {
    room(): Promise<string>;
    slot(): Promise<string>;
    invite(): Promise<{ id: string; token: string }>;
    /** An attendee invite to a new event of the same visibility. */
    inviteElsewhere(): Promise<string>;
    member(): Promise<string>;
    organiserToken(): Promise<string>;
    session(): Promise<string>;
  };
}
interface Entry {
  params?: (fx: Fixture) => object | Promise<object>;
  body?: (fx: Fixture) => unknown;
  markdown?: string;
  expect: Record<RoleName, Expected>;
}

/** n for public and unlisted events, 404 for private ones. */
const hidden = (n: number): Expected => ({ PUBLIC: n, UNLISTED: n, PRIVATE: 404 });
/** Anyone who may see the event. */
const readers = (ok = 200): Record<RoleName, Expected> => ({
  anonymous: hidden(ok),
  guest: ok,
  attendee: ok,
  organiser: ok,
  otherOrganiser: hidden(ok),
  revokedToken: 401,
});
/** Members of the event (guests included). */
const members = (ok: number): Record<RoleName, Expected> => ({
  anonymous: hidden(401),
  guest: ok,
  attendee: ok,
  organiser: ok,
  otherOrganiser: hidden(403),
  revokedToken: 401,
});
/** Organisers of the event. */
const organisers = (ok: number): Record<RoleName, Expected> => ({
  anonymous: hidden(401),
  guest: 403,
  attendee: 403,
  organiser: ok,
  otherOrganiser: hidden(403),
  revokedToken: 401,
});
/** Any signed-in account, whatever the event. */
const accounts = (ok: number, guest = ok): Record<RoleName, Expected> => ({
  anonymous: 401,
  guest,
  attendee: ok,
  organiser: ok,
  otherOrganiser: ok,
  revokedToken: 401,
});

let emailCounter = 0;
const TABLE: Record<string, Entry> = {
  'GET health': {
    expect: { anonymous: 200, guest: 200, attendee: 200, organiser: 200, otherOrganiser: 200, revokedToken: 200 },
  },
  'GET me': { expect: accounts(200) },
  'POST users': {
    body: () => ({
      email: `perm-${process.pid}-${emailCounter++}@example.test`,
      name: 'Perm',
      password: 'long-enough-pw',
    }),
    expect: { anonymous: 201, guest: 201, attendee: 201, organiser: 201, otherOrganiser: 201, revokedToken: 401 },
  },
  'GET tokens': { expect: accounts(200, 403) },
  'POST tokens': { body: () => ({ name: 'perm' }), expect: accounts(201, 403) },
  'DELETE tokens/[id]': {
    params: async (fx) => ({ id: await fx.fresh.organiserToken() }),
    // Another person's token is "not found", not "forbidden": its existence is not revealed.
    expect: { anonymous: 401, guest: 403, attendee: 404, organiser: 204, otherOrganiser: 404, revokedToken: 401 },
  },
  'GET events': { expect: accounts(200) },
  'POST events': {
    body: () => ({ title: 'Perm Camp', timezone: 'Europe/London', startDate: '2026-06-11', endDate: '2026-06-12' }),
    expect: accounts(201, 403),
  },
  'GET events/[slug]': { params: (fx) => ({ slug: fx.slug }), expect: readers() },
  'PATCH events/[slug]': {
    params: (fx) => ({ slug: fx.slug }),
    body: () => ({ description: 'Updated by the permissions test' }),
    expect: organisers(200),
  },
  'GET events/[slug]/invites': { params: (fx) => ({ slug: fx.slug }), expect: organisers(200) },
  'POST events/[slug]/invites': {
    params: (fx) => ({ slug: fx.slug }),
    body: () => ({ role: 'ATTENDEE' }),
    expect: organisers(201),
  },
  'DELETE events/[slug]/invites/[inviteId]': {
    params: async (fx) => ({ slug: fx.slug, inviteId: (await fx.fresh.invite()).id }),
    expect: organisers(204),
  },
  'GET events/[slug]/members': { params: (fx) => ({ slug: fx.slug }), expect: members(200) },
  'PATCH events/[slug]/members/[userId]': {
    params: async (fx) => ({ slug: fx.slug, userId: await fx.fresh.member() }),
    body: () => ({ role: 'ORGANISER' }),
    expect: organisers(204),
  },
  'DELETE events/[slug]/members/[userId]': {
    params: async (fx) => ({ slug: fx.slug, userId: await fx.fresh.member() }),
    expect: organisers(204),
  },
  'GET events/[slug]/rooms': { params: (fx) => ({ slug: fx.slug }), expect: readers() },
  'POST events/[slug]/rooms': {
    params: (fx) => ({ slug: fx.slug }),
    body: () => ({ name: 'Perm room' }),
    expect: organisers(201),
  },
  'GET events/[slug]/rooms/[roomId]': { params: (fx) => ({ slug: fx.slug, roomId: fx.roomId }), expect: readers() },
  'PATCH events/[slug]/rooms/[roomId]': {
    params: (fx) => ({ slug: fx.slug, roomId: fx.roomId }),
    body: () => ({ capacity: 40 }),
    expect: organisers(200),
  },
  'DELETE events/[slug]/rooms/[roomId]': {
    params: async (fx) => ({ slug: fx.slug, roomId: await fx.fresh.room() }),
    expect: organisers(204),
  },
  'GET events/[slug]/sessions': { params: (fx) => ({ slug: fx.slug }), expect: readers() },
  'POST events/[slug]/sessions': {
    params: (fx) => ({ slug: fx.slug }),
    body: () => ({ title: 'Perm session' }),
    expect: members(201),
  },
  'GET events/[slug]/slots': { params: (fx) => ({ slug: fx.slug }), expect: readers() },
  'POST events/[slug]/slots': {
    params: (fx) => ({ slug: fx.slug }),
    body: () => ({ startsAt: '2026-06-11T13:00:00Z', endsAt: '2026-06-11T13:30:00Z', kind: 'SESSION' }),
    expect: organisers(201),
  },
  'GET events/[slug]/slots/[slotId]': { params: (fx) => ({ slug: fx.slug, slotId: fx.slotId }), expect: readers() },
  'PATCH events/[slug]/slots/[slotId]': {
    params: (fx) => ({ slug: fx.slug, slotId: fx.slotId }),
    body: () => ({ label: 'Perm' }),
    expect: organisers(200),
  },
  'DELETE events/[slug]/slots/[slotId]': {
    params: async (fx) => ({ slug: fx.slug, slotId: await fx.fresh.slot() }),
    expect: organisers(204),
  },
  // An invite link is the credential: whoever holds it may look and join, whatever the visibility.
  'GET invites/[token]': { params: (fx) => ({ token: fx.inviteToken }), expect: { ...accounts(200), anonymous: 200 } },
  // Joins ANOTHER event of the same visibility, so the roles here stay what they are for the rest
  // of the table; a guest account belongs to its own event only.
  'POST invites/[token]/accept': {
    params: async (fx) => ({ token: await fx.fresh.inviteElsewhere() }),
    expect: accounts(200, 403),
  },
  'GET sessions/[id]': { params: (fx) => ({ id: fx.sessionId }), expect: readers() },
  // Anonymous readers of public/unlisted events get a read-only token; private sessions are hidden.
  'POST sessions/[id]/collab-token': { params: (fx) => ({ id: fx.sessionId }), expect: readers() },
  'GET sessions/[id]/versions': { params: (fx) => ({ id: fx.sessionId }), expect: readers() },
  'POST sessions/[id]/versions': {
    params: (fx) => ({ id: fx.sessionId }),
    body: () => ({ kind: 'MANUAL', name: 'Perm version' }),
    expect: members(201),
  },
  // Previews are for organisers and the session's hosts (the organiser proposed fx.sessionId).
  'GET sessions/[id]/versions/[versionId]': {
    params: (fx) => ({ id: fx.sessionId, versionId: fx.versionId }),
    expect: organisers(200),
  },

  // The board, its live stream and the schedule: what readers of the event may see.
  'GET events/[slug]/board': { params: (fx) => ({ slug: fx.slug }), expect: readers() },
  'GET events/[slug]/board/stream': { params: (fx) => ({ slug: fx.slug }), expect: readers() },
  'GET events/[slug]/schedule': { params: (fx) => ({ slug: fx.slug }), expect: readers() },
  'GET events/[slug]/schedule.ics': { params: (fx) => ({ slug: fx.slug }), expect: readers() },
  'PUT events/[slug]/rooms': {
    params: (fx) => ({ slug: fx.slug }),
    body: async (fx) => ({
      order: (await db.room.findMany({ where: { eventId: fx.eventId }, orderBy: { createdAt: 'desc' } })).map(
        (r) => r.id,
      ),
    }),
    expect: organisers(200),
  },
  'POST events/[slug]/slots/copy-day': {
    params: (fx) => ({ slug: fx.slug }),
    body: () => ({ fromDay: '2026-06-11', toDay: '2026-06-12' }),
    expect: organisers(201),
  },
  // Edits go to the proposer, co-hosts and organisers (the organiser proposed fx.sessionId).
  'PATCH sessions/[id]': {
    params: (fx) => ({ id: fx.sessionId }),
    body: () => ({ title: 'Renamed by the permissions test' }),
    expect: organisers(200),
  },
  'DELETE sessions/[id]': { params: async (fx) => ({ id: await fx.fresh.session() }), expect: organisers(200) },
  'POST sessions/[id]/merge': {
    params: async (fx) => ({ id: await fx.fresh.session() }),
    body: (fx) => ({ intoId: fx.otherSessionId }),
    expect: organisers(200),
  },
  'PUT sessions/[id]/vote': {
    params: (fx) => ({ id: fx.sessionId }),
    body: () => ({ votes: 1 }),
    expect: members(200),
  },
  // A personal agenda: anyone signed in who may see the event.
  'PUT sessions/[id]/star': {
    params: (fx) => ({ id: fx.sessionId }),
    expect: { ...readers(), anonymous: hidden(401) },
  },
  'DELETE sessions/[id]/star': {
    params: (fx) => ({ id: fx.sessionId }),
    expect: { ...readers(), anonymous: hidden(401) },
  },
  'POST events/[slug]/agenda-feed': {
    params: (fx) => ({ slug: fx.slug }),
    body: () => ({}),
    expect: { ...readers(), anonymous: hidden(401) },
  },
  // The feed's secret URL is the credential (calendar apps send nothing else), with its owner's rights.
  'GET agenda/[token]/agenda.ics': {
    params: (fx) => ({ token: fx.agendaToken }),
    expect: { ...accounts(200), anonymous: 200 },
  },
  // Notes: exports for readers, imports for members (one session) and organisers (the whole event).
  'GET events/[slug]/notes.md': { params: (fx) => ({ slug: fx.slug }), expect: readers() },
  'GET sessions/[id]/notes.md': { params: (fx) => ({ id: fx.sessionId }), expect: readers() },
  'PUT sessions/[id]/notes': {
    params: (fx) => ({ id: fx.sessionId }),
    markdown: '* imported by the permissions test\n',
    expect: members(200),
  },
  'POST events/[slug]/notes/import': {
    params: (fx) => ({ slug: fx.slug }),
    markdown: '## Imported by the permissions test\n\n* a point\n',
    expect: organisers(200),
  },
  // Consent to publishing: the session's hosts and organisers.
  'PUT sessions/[id]/notes/approval': {
    params: (fx) => ({ id: fx.sessionId }),
    body: () => ({ approved: true }),
    expect: organisers(200),
  },
  // Readers of the notes may publish them to their own GitHub; nobody here linked GitHub, so 409.
  'POST events/[slug]/gist': {
    params: (fx) => ({ slug: fx.slug }),
    body: () => ({}),
    expect: { ...readers(409), anonymous: hidden(401) },
  },
  'POST sessions/[id]/gist': {
    params: (fx) => ({ id: fx.sessionId }),
    body: () => ({}),
    expect: { ...readers(409), anonymous: hidden(401) },
  },
  // GitHub consent for the gist scope: accounts only; without this browser's signed state, a 400.
  'GET github/connect': { expect: accounts(302, 403) },
  'GET auth/callback/github/link': { expect: accounts(400) },
};

const NOT_HERE: Record<string, string> = {
  'GET auth/[...nextauth]': "next-auth's own endpoints (sign-in pages, csrf, session); covered by e2e sign-in specs",
  'POST auth/[...nextauth]': "next-auth's own endpoints (credentials, sign-out); covered by e2e and lib/auth tests",
};

let handlers = new Map<string, RouteHandler>();

let collab: RunningCollab;
const SAVED_ENV = {
  COLLAB_INTERNAL_URL: process.env.COLLAB_INTERNAL_URL,
  GITHUB_ID: process.env.GITHUB_ID,
  GITHUB_SECRET: process.env.GITHUB_SECRET,
};

beforeAll(async () => {
  handlers = await discoverApiRoutes();
  collab = await startCollab();
  Object.assign(process.env, {
    COLLAB_INTERNAL_URL: collab.url,
    GITHUB_ID: 'permissions-test',
    GITHUB_SECRET: 'permissions-test-secret',
  });
  resetEnvCache();
});

afterAll(async () => {
  for (const [k, v] of Object.entries(SAVED_ENV)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  await collab.close();
});

describe('the permissions table', () => {
  it('names every route and method under app/api, and nothing else', () => {
    const known = new Set([...Object.keys(TABLE), ...Object.keys(NOT_HERE)]);
    const missing = [...handlers.keys()].filter((k) => !known.has(k));
    expect(missing, `routes without an entry in app/api/permissions.test.ts: ${missing.join(', ')}`).toEqual([]);
    expect(
      Object.keys(TABLE).filter((k) => !handlers.has(k)),
      'stale entries',
    ).toEqual([]);
  });
});

async function buildFixture(visibility: Visibility): Promise<
  Fixture & {
    credentials: Record<RoleName, { cookie?: string; bearer?: string }>;
    ws: Record<WsCaller, WsCredential>;
    docName: string;
  }
> {
  const organiser = await buildUser();
  const { event } = await buildEvent({ visibility, organiserId: organiser.id, settings: { guestsAllowed: true } });
  const attendee = await buildUser();
  await addMember(event.id, attendee.id);
  const guest = await buildUser({ isGuest: true, guestEventId: event.id, email: null });
  await addMember(event.id, guest.id);
  const other = await buildUser();
  await buildEvent({ organiserId: other.id });
  const organiserApiToken = await buildApiToken(organiser.id, 'valid');
  const revoked = await buildApiToken(organiser.id, 'revoked');
  await db.apiToken.deleteMany({ where: { userId: organiser.id, name: 'revoked' } });
  const room = await buildRoom(event.id);
  const slot = await buildSlot(event.id);
  const session = await buildSession(event.id, { proposerId: organiser.id });
  const otherSession = await buildSession(event.id);
  const agendaToken = randomBytes(24).toString('base64url');
  await db.agendaFeed.create({ data: { eventId: event.id, userId: attendee.id, token: agendaToken } });
  const docName = docNameForSession(session.id);
  await db.docUpdate.create({ data: { docName, data: new Uint8Array(jsonToYState(markdownToJSON('* a point\n'))) } });
  const version = await db.noteVersion.create({
    data: {
      docName,
      kind: 'MANUAL',
      name: 'fixture',
      data: new Uint8Array(jsonToYState(markdownToJSON('* a point\n'))),
      createdById: organiser.id,
    },
  });
  const invite = async () => {
    const token = generateInviteToken();
    const row = await db.invite.create({
      data: { eventId: event.id, token, role: 'ATTENDEE', createdById: organiser.id },
    });
    return { id: row.id, token };
  };
  const inviteToken = (await invite()).token;
  return {
    visibility,
    eventId: event.id,
    slug: event.slug,
    organiserId: organiser.id,
    attendeeId: attendee.id,
    roomId: room.id,
    slotId: slot.id,
    sessionId: session.id,
    otherSessionId: otherSession.id,
    versionId: version.id,
    inviteToken,
    agendaToken,
    fresh: {
      room: async () => (await buildRoom(event.id)).id,
      slot: async () =>
        (
          await buildSlot(event.id, {
            startsAt: new Date(Date.UTC(2026, 5, 11, 6, crypto.getRandomValues(new Uint32Array(1))[0]! % 600)),
          })
        ).id,
      invite,
      inviteElsewhere: async () => {
        const { event: elsewhere, organiserId } = await buildEvent({ visibility });
        const token = generateInviteToken();
        await db.invite.create({ data: { eventId: elsewhere.id, token, role: 'ATTENDEE', createdById: organiserId } });
        return token;
      },
      member: async () => {
        const u = await buildUser();
        await addMember(event.id, u.id);
        return u.id;
      },
      organiserToken: async () => {
        await buildApiToken(organiser.id, 'to-delete');
        return (
          await db.apiToken.findFirstOrThrow({
            where: { userId: organiser.id, name: 'to-delete' },
            orderBy: { createdAt: 'desc' },
          })
        ).id;
      },
      session: async () => (await buildSession(event.id)).id,
    },
    ws: await wsCredentials(docName, {
      guest,
      attendee,
      organiser,
      otherOrganiser: other,
      organiserApiToken,
      revokedApiToken: revoked,
    }),
    docName,
    credentials: {
      anonymous: {},
      guest: { cookie: await sessionCookieFor(guest) },
      attendee: { cookie: await sessionCookieFor(attendee) },
      organiser: { cookie: await sessionCookieFor(organiser) },
      otherOrganiser: { cookie: await sessionCookieFor(other) },
      revokedToken: { bearer: revoked },
    },
  };
}

function expectedStatus(e: Expected, visibility: Visibility): number {
  if (typeof e === 'number') return e;
  const v = e[visibility];
  if (v === undefined) throw new Error(`no expectation for ${visibility}`);
  return v;
}

let checked = 0;
afterAll(() => {
  const routes = Object.keys(TABLE).length;
  console.log(
    `permissions: ${routes} route×method entries × ${ROLES.length} roles × ${VISIBILITIES.length} visibilities` +
      ` = ${checked} requests checked`,
  );
});

for (const visibility of VISIBILITIES) {
  describe(`a ${visibility.toLowerCase()} event`, () => {
    let fx: Awaited<ReturnType<typeof buildFixture>>;
    beforeAll(async () => {
      fx = await buildFixture(visibility);
    });

    for (const [key, entry] of Object.entries(TABLE)) {
      it(key, async () => {
        const handler = handlers.get(key);
        expect(handler, `no handler for ${key}`).toBeDefined();
        const [method] = key.split(' ') as [string];
        const got: Partial<Record<RoleName, number>> = {};
        const want: Partial<Record<RoleName, number>> = {};
        for (const role of ROLES) {
          const params = (await entry.params?.(fx)) ?? {};
          const headers = new Headers();
          const cred = fx.credentials[role];
          if (cred.cookie) headers.set('cookie', cred.cookie);
          if (cred.bearer) headers.set('authorization', `Bearer ${cred.bearer}`);
          const json = await entry.body?.(fx);
          if (json !== undefined) headers.set('content-type', 'application/json');
          if (entry.markdown !== undefined) headers.set('content-type', 'text/markdown');
          const body = entry.markdown ?? (json === undefined ? undefined : JSON.stringify(json));
          const req = new Request('http://localhost:3000/api/permissions', { method, headers, body });
          const res = await handler!(req, { params: Promise.resolve(params) });
          if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
          else await res.arrayBuffer();
          got[role] = res.status;
          want[role] = expectedStatus(entry.expect[role], visibility);
          checked++;
        }
        expect(got).toEqual(want);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The WebSocket endpoint: /collab/<doc> of a real collab server (started above), per caller and
// credential. 'write': accepted and its edits are stored; 'read': accepted, its edits dropped;
// a number: the upgrade is refused with that HTTP status.

type WsOutcome = 'write' | 'read' | 401 | 403;
type WsExpected = WsOutcome | Partial<Record<Visibility, WsOutcome>>;
/** For public and unlisted events; private ones refuse outsiders (403, nothing sent). */
const wsHidden = (o: WsOutcome): WsExpected => ({ PUBLIC: o, UNLISTED: o, PRIVATE: 403 });
interface WsCredential {
  token?: string;
  cookie?: string;
}

const WS_TABLE = {
  'anonymous, no credentials': 401,
  // What POST sessions/[id]/collab-token hands an anonymous reader.
  'anonymous, read-only collab token': wsHidden('read'),
  'guest, session cookie': 'write',
  'guest, collab token': 'write',
  'attendee, session cookie': 'write',
  'attendee, collab token': 'write',
  'organiser, session cookie': 'write',
  'organiser, collab token': 'write',
  'organiser, API token': 'write',
  // A collab token that claims write access does not give it: access is read from the database.
  'otherOrganiser, session cookie': wsHidden('read'),
  'otherOrganiser, collab token claiming write': wsHidden('read'),
  'revokedToken, API token deleted before the call': 401,
  'expiredCollabToken, the organiser’s token past its expiry': 401,
} as const satisfies Record<string, WsExpected>;
type WsCaller = keyof typeof WS_TABLE;

async function wsCredentials(
  docName: string,
  u: {
    guest: { id: string; name: string };
    attendee: { id: string; name: string };
    organiser: { id: string; name: string };
    otherOrganiser: { id: string; name: string };
    organiserApiToken: string;
    revokedApiToken: string;
  },
): Promise<Record<WsCaller, WsCredential>> {
  const token = (userId: string | null, readOnly = false, now = Date.now()) =>
    signCollabToken({ userId, docName, readOnly, ttlSeconds: 600, now }).token;
  return {
    'anonymous, no credentials': {},
    'anonymous, read-only collab token': { token: token(null, true) },
    'guest, session cookie': { cookie: await sessionCookieFor(u.guest) },
    'guest, collab token': { token: token(u.guest.id) },
    'attendee, session cookie': { cookie: await sessionCookieFor(u.attendee) },
    'attendee, collab token': { token: token(u.attendee.id) },
    'organiser, session cookie': { cookie: await sessionCookieFor(u.organiser) },
    'organiser, collab token': { token: token(u.organiser.id) },
    'organiser, API token': { token: u.organiserApiToken },
    'otherOrganiser, session cookie': { cookie: await sessionCookieFor(u.otherOrganiser) },
    'otherOrganiser, collab token claiming write': { token: token(u.otherOrganiser.id) },
    'revokedToken, API token deleted before the call': { token: u.revokedApiToken },
    // Signed an hour ago for ten minutes.
    'expiredCollabToken, the organiser’s token past its expiry': {
      token: token(u.organiser.id, false, Date.now() - 3_600_000),
    },
  };
}

async function storedNotesXml(docName: string): Promise<string> {
  const stored = await loadStoredDoc(db, docName);
  const d = new Y.Doc();
  if (stored.state) Y.applyUpdate(d, stored.state);
  return d.getXmlFragment('default').toString();
}

async function readOnlyDropped(): Promise<number> {
  return (await collab.server.metrics.readOnlyDropped.get()).values.reduce((n, v) => n + v.value, 0);
}

/**
 * Connects as the editor does (the stock y-websocket provider) with a mark already typed, so the
 * mark travels in the one sync message the client sends on connecting: stored means read-write,
 * dropped means read-only.
 */
async function wsOutcome(docName: string, cred: WsCredential, mark: string): Promise<WsOutcome | number> {
  const url = `${collab.url}/${encodeURIComponent(docName)}${cred.token ? `?token=${encodeURIComponent(cred.token)}` : ''}`;
  const status = await upgradeStatus(url, cred.cookie ? { cookie: cred.cookie } : {});
  if (status !== 101) return status;
  const doc = new Y.Doc();
  seedNotes(doc);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(mark)]);
  doc.getXmlFragment('default').push([paragraph]);
  const cookie = cred.cookie;
  // The browser sends the cookie itself; here the socket class adds it.
  class CookieSocket extends WS {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
    }
  }
  const droppedBefore = await readOnlyDropped();
  const provider = new WebsocketProvider(collab.url, docName, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof WebSocket,
    params: cred.token ? { token: cred.token } : {},
    disableBc: true,
  });
  try {
    await waitFor(() => provider.synced, { what: 'synced' });
    const outcome = await waitFor(
      async () =>
        (await storedNotesXml(docName)).includes(mark)
          ? ('write' as const)
          : (await readOnlyDropped()) > droppedBefore
            ? ('read' as const)
            : null,
      { what: `${mark} stored or dropped` },
    );
    if (outcome === 'read') {
      // Dropped, and nothing of it reached the log either.
      await collab.server.flush();
      expect(await storedNotesXml(docName)).not.toContain(mark);
    }
    return outcome;
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

let wsChecked = 0;
afterAll(() => {
  console.log(
    `permissions (WebSocket /collab): ${Object.keys(WS_TABLE).length} callers × ` +
      `${VISIBILITIES.length} visibilities = ${wsChecked} connections checked`,
  );
});

for (const visibility of VISIBILITIES) {
  it(`the WebSocket endpoint, ${visibility.toLowerCase()} event: every caller and credential`, async () => {
    const fx = await buildFixture(visibility);
    const got: Partial<Record<WsCaller, WsOutcome | number>> = {};
    const want: Partial<Record<WsCaller, WsOutcome>> = {};
    let n = 0;
    for (const [caller, expected] of Object.entries(WS_TABLE) as [WsCaller, WsExpected][]) {
      got[caller] = await wsOutcome(fx.docName, fx.ws[caller], `[ws-perm-${visibility}-${n++}]`);
      want[caller] = typeof expected === 'object' ? expected[visibility] : expected;
      wsChecked++;
    }
    expect(got).toEqual(want);
  });
}
