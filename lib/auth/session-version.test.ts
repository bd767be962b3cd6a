import { describe, expect, it } from 'vitest';
import { buildUser, sessionCookieFor } from '@/test/builders';
import { actorFromHeaders } from './current-actor';
import { encodeSessionToken, sessionCookieName } from './session-cookie';
import { currentSessionVersion, endAllSessions } from './session-version';

describe('session cookies after sign-out', () => {
  it('a cookie kept from before sign-out stops working; one issued after works', async () => {
    const user = await buildUser();
    const kept = await sessionCookieFor(user);
    expect((await actorFromHeaders(new Headers({ cookie: kept })))?.userId).toBe(user.id);
    await endAllSessions(user.id);
    expect(await actorFromHeaders(new Headers({ cookie: kept }))).toBeNull();
    const sv = await currentSessionVersion(user.id);
    expect(sv).toBe(1);
    const fresh = await encodeSessionToken({ sub: user.id, name: user.name, email: user.email, sv });
    expect((await actorFromHeaders(new Headers({ cookie: `${sessionCookieName()}=${fresh}` })))?.userId).toBe(user.id);
  });

  it('a cookie naming a future version (forged or from a restored backup) is refused too', async () => {
    const user = await buildUser();
    const token = await encodeSessionToken({ sub: user.id, name: user.name, email: user.email, sv: 5 });
    expect(await actorFromHeaders(new Headers({ cookie: `${sessionCookieName()}=${token}` }))).toBeNull();
  });
});
