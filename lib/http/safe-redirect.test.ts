import { describe, expect, it } from 'vitest';
import { safeAuthRedirect, safeCallbackPath } from './safe-redirect';

describe('safeCallbackPath: only same-origin paths survive', () => {
  it.each([
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '//evil.example',
    '/\\/evil.example',
    '/.//evil.example',
    '/%2e//evil.example',
    '/ok/..//evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    ' /events',
    'events',
    '',
  ])('refuses %j', (raw) => {
    expect(safeCallbackPath(raw)).toBe('/events');
  });

  it.each([
    ['/e/harbour', '/e/harbour'],
    ['/e/harbour/s/abc?tab=notes#top', '/e/harbour/s/abc?tab=notes#top'],
    ['/join/abcdefghijklmnopqrstuv', '/join/abcdefghijklmnopqrstuv'],
    ['/%5cevil.example', '/%5cevil.example'],
  ])('keeps %j', (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  it('uses the fallback for missing values', () => {
    expect(safeCallbackPath(undefined, '/')).toBe('/');
  });
});

describe('safeAuthRedirect (next-auth redirect callback)', () => {
  const base = 'https://hallway.example.org';
  it('keeps our own absolute URLs and paths', () => {
    expect(safeAuthRedirect('/e/x', base)).toBe('https://hallway.example.org/e/x');
    expect(safeAuthRedirect('https://hallway.example.org/e/x?a=1', base)).toBe('https://hallway.example.org/e/x?a=1');
  });
  it('sends everything else home', () => {
    expect(safeAuthRedirect('https://evil.example/e/x', base)).toBe(base);
    expect(safeAuthRedirect('/\\evil.example', base)).toBe('https://hallway.example.org/events');
    expect(safeAuthRedirect('/\t/evil.example', base)).toBe('https://hallway.example.org/events');
    expect(safeAuthRedirect('https://hallway.example.org.evil.example/', base)).toBe(base);
  });
});
