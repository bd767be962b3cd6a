/**
 * Abuse: every API route and method gets random and mutated JSON bodies, garbage that is not JSON,
 * and hostile route params, as the most privileged caller (the event's organiser, so requests get
 * past authorization into validation). Every answer must be a 4xx or a success: never a 500.
 *
 * Routes come from the files on disk (test/api-routes.ts), so new routes are fuzzed too. A route
 * with a SAMPLE body below is also fuzzed by mutating that valid body field by field; add one for
 * a new route with a body (key `METHOD path`, as in app/api/permissions.test.ts).
 * The generator is seeded (FUZZ_SEED, printed) so a failure can be replayed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, buildRoom, buildSession, buildSlot, buildUser, sessionCookieFor } from '@/test/builders';
import { discoverApiRoutes, paramNames, type RouteHandler } from '@/test/api-routes';
import { prng as rng } from '@/test/prng';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const RANDOM_BODIES = Number(process.env.FUZZ_BODIES ?? 40);

const NASTY_STRINGS = [
  '',
  ' ',
  '\ud800',
  'a\udc00b',
  '\u0000',
  'x'.repeat(100_000),
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '../../etc/passwd',
  '%00',
  '%E0%A4%A',
  '\u202e',
  '😀'.repeat(50),
  'null',
  '1e309',
  '2026-13-45',
  '2026-06-11T25:61:00Z',
  'ORGANISER',
  'PRIVATE',
  '__proto__',
  'constructor',
  '{"a":1}',
  'DROP TABLE "User";--',
];
const NASTY_NUMBERS = [0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -0];

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * (depth > 3 ? 5 : 8));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return NASTY_NUMBERS[Math.floor(r() * NASTY_NUMBERS.length)];
    case 3:
    case 4:
      return NASTY_STRINGS[Math.floor(r() * NASTY_STRINGS.length)];
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const keys = [
        'title',
        'name',
        'email',
        'password',
        'role',
        'kind',
        'slug',
        'startsAt',
        'endsAt',
        'capacity',
        'visibility',
        'settings',
        '__proto__',
        'constructor',
      ];
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 5); i > 0; i--)
        out[keys[Math.floor(r() * keys.length)]!] = randomValue(r, depth + 1);
      return out;
    }
  }
}

/** Valid bodies to mutate, per route with a body. */
const SAMPLE: Record<string, unknown> = {
  'POST users': { email: 'fuzz@example.test', name: 'Fuzz', password: 'long-enough-pw' },
  'POST tokens': { name: 'fuzz' },
  'POST events': {
    title: 'Fuzz Camp',
    timezone: 'Europe/London',
    startDate: '2026-06-11',
    endDate: '2026-06-12',
    visibility: 'PUBLIC',
    settings: { votesPerAttendee: 3 },
  },
  'PATCH events/[slug]': { description: 'x', settings: { guestsAllowed: true } },
  'POST events/[slug]/invites': { role: 'ATTENDEE', maxUses: 5, expiresAt: '2030-01-01T00:00:00Z' },
  'PATCH events/[slug]/members/[userId]': { role: 'ATTENDEE' },
  'POST events/[slug]/rooms': { name: 'Room', capacity: 20, order: 1 },
  'PATCH events/[slug]/rooms/[roomId]': { name: 'Room', capacity: 20 },
  'POST events/[slug]/sessions': { title: 'A session', description: 'd', format: 'talk', tags: ['a'] },
  'POST events/[slug]/slots': {
    startsAt: '2026-06-11T10:00:00Z',
    endsAt: '2026-06-11T10:30:00Z',
    kind: 'SESSION',
    label: 'x',
  },
  'PATCH events/[slug]/slots/[slotId]': { label: 'x', kind: 'BREAK' },
  'POST sessions/[id]/versions': { kind: 'MANUAL', name: 'v' },
  'PUT events/[slug]/rooms': { order: ['room-id'] },
  'POST events/[slug]/slots/copy-day': { fromDay: '2026-06-11', toDay: '2026-06-12' },
  'POST events/[slug]/agenda-feed': { rotate: true },
  'POST events/[slug]/gist': { public: false, layout: 'files', attribution: 'full' },
  'PATCH sessions/[id]': { title: 'A session', description: 'd', tags: ['a'] },
  'POST sessions/[id]/merge': { intoId: 'session-id' },
  'PUT sessions/[id]/vote': { votes: 1 },
  'PUT sessions/[id]/notes/approval': { approved: true },
  'POST sessions/[id]/gist': { public: true, attribution: 'none' },
};

function mutations(sample: unknown, r: () => number): unknown[] {
  if (!sample || typeof sample !== 'object') return [];
  const out: unknown[] = [];
  for (const key of Object.keys(sample)) {
    const without = { ...(sample as Record<string, unknown>) };
    delete without[key];
    out.push(without);
    for (let i = 0; i < 4; i++) out.push({ ...(sample as object), [key]: randomValue(r) });
    out.push(
      { ...(sample as object), [key]: NASTY_STRINGS[2] },
      { ...(sample as object), [key]: { nested: [1, { deeper: '\u0000' }] } },
    );
  }
  out.push({ ...(sample as object), extra: 'field' }, [sample], JSON.stringify(sample));
  return out;
}

const RAW_BODIES = [
  '{',
  '{"a":',
  '[1,2',
  'null',
  'true',
  '"str"',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '['.repeat(5000) + ']'.repeat(5000),
  'x'.repeat(2000),
  '{"__proto__":{"isAdmin":true}}',
];

let routes = new Map<string, RouteHandler>();
let cookie = '';
let paramsFor: (route: string) => Record<string, string> = () => ({});
let checked = 0;

beforeAll(async () => {
  routes = await discoverApiRoutes();
  const organiser = await buildUser();
  const { event } = await buildEvent({ organiserId: organiser.id, settings: { guestsAllowed: true } });
  const room = await buildRoom(event.id);
  const slot = await buildSlot(event.id);
  const session = await buildSession(event.id, { proposerId: organiser.id });
  cookie = await sessionCookieFor(organiser);
  const real: Record<string, string> = {
    slug: event.slug,
    roomId: room.id,
    slotId: slot.id,
    id: session.id,
    userId: organiser.id,
    inviteId: 'none',
    token: 'none',
    versionId: 'none',
  };
  paramsFor = (route) => Object.fromEntries(paramNames(route).map((n) => [n, real[n] ?? 'x']));
});

async function send(
  handler: RouteHandler,
  method: string,
  params: object,
  body: string | undefined,
  query = '',
): Promise<number> {
  const headers = new Headers({ cookie });
  if (body !== undefined) headers.set('content-type', 'application/json');
  const req = new Request(`http://localhost:3000/api/fuzz${query}`, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(params) });
  // The board's event stream never ends by itself: its status is the answer.
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
  else await res.arrayBuffer();
  checked++;
  return res.status;
}

// next-auth's own handler needs Next's request context; its POST body checks are in lib/auth.
const SKIP = new Set(['GET auth/[...nextauth]', 'POST auth/[...nextauth]']);

describe('API fuzz: bad input is never a 500', () => {
  // One test for ~60 handlers × ~60 requests; generous so a machine shared with other suites does not time it out.
  it('every route and method', { timeout: 600_000 }, async () => {
    const r = rng(SEED);
    const failures: string[] = [];
    const note = (key: string, what: string, status: number) => {
      if (status >= 500) failures.push(`${key} ${what} → ${status}`);
    };
    for (const [key, handler] of routes) {
      if (SKIP.has(key)) continue;
      const [method, route] = key.split(' ') as [string, string];
      const params = paramsFor(route);
      const withBody = method !== 'GET' && method !== 'DELETE';
      // Hostile params: every dynamic segment replaced by each nasty string.
      for (const name of Object.keys(params)) {
        for (const nasty of NASTY_STRINGS)
          note(
            key,
            `param ${name}=${JSON.stringify(nasty).slice(0, 40)}`,
            await send(handler, method, { ...params, [name]: nasty }, withBody ? '{}' : undefined),
          );
      }
      // Hostile queries.
      for (const q of ['?scope=%00', '?scope=public&scope=%ED%A0%80', `?${'a=1&'.repeat(500)}`])
        note(key, `query ${q.slice(0, 30)}`, await send(handler, method, params, undefined, q));
      if (!withBody) continue;
      for (const raw of RAW_BODIES)
        note(key, `raw ${JSON.stringify(raw.slice(0, 30))}`, await send(handler, method, params, raw));
      for (let i = 0; i < RANDOM_BODIES; i++) {
        const body = JSON.stringify(randomValue(r));
        note(key, `random ${body.slice(0, 60)}`, await send(handler, method, params, body));
      }
      for (const m of mutations(SAMPLE[key], r)) {
        const body = JSON.stringify(m);
        note(key, `mutated ${body.slice(0, 60)}`, await send(handler, method, params, body));
      }
    }
    console.log(
      `API fuzz: ${checked} requests to ${routes.size - SKIP.size} route×method handlers (seed ${SEED}), ${failures.length} answered 5xx`,
    );
    expect(failures).toEqual([]);
  });
});
