import { describe, expect, it } from 'vitest';
import { buildApiToken, buildUser, sessionCookieFor } from '@/test/builders';
import { actorFromHeaders, BadCredentials } from './current-actor';

describe('actorFromHeaders', () => {
  it('is nobody without credentials', async () => {
    expect(await actorFromHeaders(new Headers())).toBeNull();
  });
  it('reads the next-auth session cookie', async () => {
    const user = await buildUser();
    const actor = await actorFromHeaders(new Headers({ cookie: await sessionCookieFor(user) }));
    expect(actor?.userId).toBe(user.id);
  });
  it('ignores a forged cookie', async () => {
    const user = await buildUser();
    const good = await sessionCookieFor(user);
    const i = good.length - 30; // inside the ciphertext, where every bit counts
    const cookie = good.slice(0, i) + (good[i] === 'A' ? 'B' : 'A') + good.slice(i + 1);
    expect(await actorFromHeaders(new Headers({ cookie }))).toBeNull();
  });
  it('accepts a personal API token as Bearer', async () => {
    const user = await buildUser();
    const token = await buildApiToken(user.id);
    const actor = await actorFromHeaders(new Headers({ authorization: `Bearer ${token}` }));
    expect(actor?.userId).toBe(user.id);
  });
  it('rejects an unknown Bearer token instead of treating it as anonymous', async () => {
    await expect(
      actorFromHeaders(new Headers({ authorization: 'Bearer hw_nottherightoneatallnotatall' })),
    ).rejects.toBeInstanceOf(BadCredentials);
  });
});
