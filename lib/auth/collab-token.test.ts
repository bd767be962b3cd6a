import { describe, expect, it } from 'vitest';
import { signCollabToken, verifyCollabToken } from './collab-token';

describe('collab tokens', () => {
  it('round-trips user, document and read-only flag', () => {
    const { token, expiresAt } = signCollabToken({
      userId: 'u1',
      docName: 'session:abcdefghij',
      readOnly: true,
      ttlSeconds: 60,
    });
    const r = verifyCollabToken(token);
    expect(r.ok && r.payload).toMatchObject({ sub: 'u1', sid: 'u1', doc: 'session:abcdefghij', ro: true });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('gives anonymous readers a random subject of their own', () => {
    const a = verifyCollabToken(signCollabToken({ userId: null, docName: 'd', readOnly: true, ttlSeconds: 60 }).token);
    const b = verifyCollabToken(signCollabToken({ userId: null, docName: 'd', readOnly: true, ttlSeconds: 60 }).token);
    expect(a.ok && a.payload.sid).toMatch(/^anon:/);
    expect(a.ok && b.ok && a.payload.sid !== b.payload.sid).toBe(true);
  });

  it('rejects expired, tampered and malformed tokens', () => {
    const { token } = signCollabToken({ userId: 'u1', docName: 'd', readOnly: false, ttlSeconds: 60 });
    expect(verifyCollabToken(token, Date.now() + 61_000)).toEqual({ ok: false, reason: 'expired' });
    const [p, body, sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), ro: false, doc: 'other' }),
    ).toString('base64url');
    expect(verifyCollabToken(`${p}.${forged}.${sig}`)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyCollabToken('hc1.x')).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyCollabToken('')).toEqual({ ok: false, reason: 'malformed' });
  });
});
