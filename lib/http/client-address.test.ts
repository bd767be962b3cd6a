import { describe, expect, it } from 'vitest';
import { rateLimitKeyForAddress, resolveClientAddress } from './client-address';

describe('client address', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9');
  });
  it('takes the entry the outermost trusted proxy saw, not what the client wrote', () => {
    // client forged "1.1.1.1"; the one proxy appended the real client 198.51.100.7
    expect(resolveClientAddress('10.0.0.2', '1.1.1.1, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(resolveClientAddress('10.0.0.3', '1.1.1.1, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
  });
  it('falls back to the leftmost entry when fewer are listed than hops configured', () => {
    expect(resolveClientAddress('10.0.0.2', '198.51.100.7', 5)).toBe('198.51.100.7');
  });
  it('drops garbage entries and unwraps IPv4-mapped IPv6', () => {
    expect(resolveClientAddress('::ffff:10.0.0.2', 'not-an-ip, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(resolveClientAddress('::ffff:127.0.0.1', undefined, 0)).toBe('127.0.0.1');
  });
  it('groups IPv6 by /64', () => {
    expect(rateLimitKeyForAddress('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(rateLimitKeyForAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKeyForAddress('198.51.100.7')).toBe('198.51.100.7');
  });
});
