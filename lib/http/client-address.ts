import net from 'node:net';

// The address a request came from, for rate limits. Our HTTP server (server/app-server.ts) works
// it out from the socket and, only when TRUST_PROXY_HOPS says how many proxies sit in front,
// from X-Forwarded-For; it then passes it to route handlers in this header, replacing any copy the
// client sent. Without the setting X-Forwarded-For is ignored: anyone can write it.

export const CLIENT_ADDRESS_HEADER = 'x-hallway-client-address';

function normalise(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return mapped ? mapped[1]! : a;
}

/**
 * The client's address: the socket's peer, or with `trustedHops` proxies in front, the entry that
 * many places from the right of X-Forwarded-For + peer (the one the outermost trusted proxy saw).
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const socketAddress = normalise(peer ?? 'unknown');
  if (trustedHops <= 0 || !forwardedFor) return socketAddress;
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map(normalise)
    .filter((a) => net.isIP(a) !== 0);
  const chain = [...listed, socketAddress];
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!;
}

/** The key rate limits count under: IPv4 as is, IPv6 by its /64 (one host usually holds a whole /64). */
export function rateLimitKeyForAddress(address: string): string {
  if (net.isIPv6(address)) {
    const [head = '', tail = ''] = address.toLowerCase().split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = address.includes('::')
      ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
      : left;
    return `${groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':')}::/64`;
  }
  return address;
}

/** The client address our server attached to this request ('unknown' outside it, e.g. in tests). */
export function clientAddressOf(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
