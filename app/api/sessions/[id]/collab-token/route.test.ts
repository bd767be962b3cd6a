import { describe, expect, it } from 'vitest';
import { verifyCollabToken } from '@/lib/auth/collab-token';
import { addMember, buildEvent, buildSession, buildUser, sessionCookieFor } from '@/prisma/builders';
import { POST } from './route';

async function mint(sessionId: string, headers: Record<string, string> = {}) {
  const res = await POST(new Request(`http://localhost:3000/api/sessions/${sessionId}/collab-token`, { method: 'POST', headers: { host: 'localhost:3000', ...headers } }), {
    params: Promise.resolve({ id: sessionId }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /api/sessions/:id/collab-token', () => {
  it('gives members a read-write token for the session document with the WebSocket URL', async () => {
    const user = await buildUser();
    const { event } = await buildEvent({ visibility: 'PRIVATE' });
    await addMember(event.id, user.id);
    const session = await buildSession(event.id);
    const { status, body } = await mint(session.id, { cookie: await sessionCookieFor(user) });
    expect(status).toBe(200);
    expect(body).toMatchObject({ docName: `session:${session.id}`, readOnly: false, url: 'ws://localhost:3000/collab' });
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
