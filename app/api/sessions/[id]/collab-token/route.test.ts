import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { verifyCollabToken } from '@/lib/auth/collab-token';
import { addMember, buildEvent, buildSession, buildUser, sessionCookieFor } from '@/test/builders';
import { POST } from './route';

async function mint(sessionId: string, headers: Record<string, string> = {}) {
  const res = await POST(
    new Request(`http://localhost:3000/api/sessions/${sessionId}/collab-token`, {
      method: 'POST',
      headers: { host: 'localhost:3000', ...headers },
    }),
    {
      params: Promise.resolve({ id: sessionId }),
    },
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /api/sessions/:id/collab-token', () => {
  afterEach(() => {
    delete process.env.COLLAB_ANON_TOKENS_PER_ADDRESS;
    resetEnvCache();
  });

  it('limits anonymous tokens per client address (429), not signed-in ones', async () => {
    process.env.COLLAB_ANON_TOKENS_PER_ADDRESS = '3';
    resetEnvCache();
    const { event } = await buildEvent({ visibility: 'PUBLIC' });
    const session = await buildSession(event.id);
    const from = (address: string) => ({ [CLIENT_ADDRESS_HEADER]: address });
    for (let i = 0; i < 3; i++) expect((await mint(session.id, from('203.0.113.7'))).status).toBe(200);
    const refused = await mint(session.id, from('203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited' } });
    // IPv6 addresses count by their /64.
    for (let i = 0; i < 3; i++) expect((await mint(session.id, from(`2001:db8:1:2::${i + 1}`))).status).toBe(200);
    expect((await mint(session.id, from('2001:db8:1:2:ffff::9'))).status).toBe(429);
    expect((await mint(session.id, from('203.0.113.8'))).status).toBe(200);
    const user = await buildUser();
    expect((await mint(session.id, { ...from('203.0.113.7'), cookie: await sessionCookieFor(user) })).status).toBe(200);
  });

  it('gives members a read-write token for the session document with the WebSocket URL', async () => {
    const user = await buildUser();
    const { event } = await buildEvent({ visibility: 'PRIVATE' });
    await addMember(event.id, user.id);
    const session = await buildSession(event.id);
    const { status, body } = await mint(session.id, { cookie: await sessionCookieFor(user) });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      docName: `session:${session.id}`,
      readOnly: false,
      url: 'ws://localhost:3000/collab',
    });
    const v = verifyCollabToken(body.token as string);
    expect(v.ok && v.payload).toMatchObject({ sub: user.id, doc: `session:${session.id}`, ro: false });
    expect(new Date(body.expiresAt as string).getTime()).toBeGreaterThan(Date.now());
  });

  it('gives anonymous visitors of public and unlisted events a read-only token', async () => {
    for (const visibility of ['PUBLIC', 'UNLISTED'] as const) {
      const { event } = await buildEvent({ visibility });
      const session = await buildSession(event.id);
      const { status, body } = await mint(session.id);
      expect(status).toBe(200);
      expect(body.readOnly).toBe(true);
      const v = verifyCollabToken(body.token as string);
      expect(v.ok && v.payload.sub).toBeNull();
    }
  });

  it('gives signed-in non-members of a public event a read-only token', async () => {
    const { event } = await buildEvent({ visibility: 'PUBLIC' });
    const session = await buildSession(event.id);
    const { body } = await mint(session.id, { cookie: await sessionCookieFor(await buildUser()) });
    expect(body.readOnly).toBe(true);
  });

  it('answers 404 for private events to non-members and for unknown sessions', async () => {
    const { event } = await buildEvent({ visibility: 'PRIVATE' });
    const session = await buildSession(event.id);
    expect((await mint(session.id)).status).toBe(404);
    expect((await mint(session.id, { cookie: await sessionCookieFor(await buildUser()) })).status).toBe(404);
    expect((await mint('nosuchsession0000')).status).toBe(404);
  });
});
