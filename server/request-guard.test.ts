import { describe, expect, it } from 'vitest';
import { checkRequest } from './request-guard';

const req = (url: string, headers: Record<string, string> = {}) => ({ url, headers });

describe('request guard (before Next.js)', () => {
  it.each(['/e/%E0%A4%A', '/e/%', '/api/events/%ED%A0%80', '/api/sessions/%C0%AF', '/e/abc/s/%FF', '/api/events/%00'])(
    'a malformed path %s is 400',
    (url) => {
      expect(checkRequest(req(url), 1024)).toMatchObject({ ok: false, status: 400 });
    },
  );

  it.each(['/', '/e/harbour', '/e/caf%C3%A9', '/api/events?scope=%', '/signin?callbackUrl=%E0%A4%A'])(
    '%s passes',
    (url) => {
      expect(checkRequest(req(url), 1024)).toEqual({ ok: true });
    },
  );

  it('a declared body over the cap is 413; a bad Content-Length is 400', () => {
    expect(checkRequest(req('/api/users', { 'content-length': String(40 * 1024 * 1024) }), 1024 * 1024)).toMatchObject({
      status: 413,
    });
    expect(checkRequest(req('/api/users', { 'content-length': '-1' }), 1024)).toMatchObject({ status: 400 });
    expect(checkRequest(req('/api/users', { 'content-length': '100' }), 1024)).toEqual({ ok: true });
  });
});
