import { describe, expect, it } from 'vitest';
import { buildEvent, buildUser, sessionCookieFor } from '@/test/builders';
import { callRoute } from '@/test/call-route';
import * as users from './users/route';
import * as events from './events/route';
import * as event from './events/[slug]/route';
import { apiRoute } from '@/lib/http/api-route';

// Issue 9 #9: bad input is the caller's fault and answers 4xx, never 500.
describe('bad input through real route handlers', () => {
  it('a lone surrogate in a sign-up name is 400, not 500', async () => {
    const r = await callRoute(
      users.POST,
      'POST',
      {},
      { rawBody: '{"email":"ls-1@example.test","name":"\\ud800","password":"long-enough-pw"}' },
    );
    expect(r.status).toBe(400);
    expect(r.json?.error?.field).toBe('name');
  });

  it('a NUL in an event title is 400', async () => {
    const cookie = await sessionCookieFor(await buildUser());
    const body = '{"title":"a\\u0000b","timezone":"Europe/London","startDate":"2026-06-11","endDate":"2026-06-12"}';
    expect((await callRoute(events.POST, 'POST', {}, { rawBody: body, cookie })).status).toBe(400);
  });

  it('a lone surrogate or NUL in a route param or query is 400', async () => {
    const { event: e } = await buildEvent();
    expect((await callRoute(event.GET, 'GET', { slug: '\ud800' })).status).toBe(400);
    expect((await callRoute(event.GET, 'GET', { slug: `${e.slug}\u0000` })).status).toBe(400);
    expect((await callRoute(events.GET, 'GET', {}, { query: { scope: 'a\u0000' } })).status).toBe(400);
  });

  it('a 40 MB body is refused with 413 before authentication and before it is read', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const req = new Request('http://localhost:3000/api/events', {
      method: 'POST',
      body: stream,
      headers: {
        'content-type': 'application/json',
        'content-length': String(40 * 1024 * 1024),
        authorization: 'Bearer nope',
      },
      duplex: 'half',
    } as RequestInit);
    const res = await events.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('non-JSON bodies (Markdown imports) are left to their route, which reads them with its own limit', async () => {
    const handler = apiRoute(async () => ({ decidedByRoute: true }));
    const req = new Request('http://localhost:3000/api/import', {
      method: 'POST',
      headers: { 'content-type': 'text/markdown', 'content-length': String(2 * 1024 * 1024) },
      body: 'x',
    });
    expect((await handler(req, { params: Promise.resolve({}) })).status).toBe(200);
  });
});
