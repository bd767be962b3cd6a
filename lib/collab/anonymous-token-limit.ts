import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { rateLimitKeyForAddress } from '@/lib/http/client-address';

// Anonymous collab tokens cost nothing to get, so per-user limits alone would let one machine open
// as many connections as it asks tokens for (issue 9 #4). Counted per client address (IPv6 per /64),
// in this process: the collab server also caps anonymous connections per address.

const globalForLimit = globalThis as unknown as {
  __hallwayAnonTokenLimit?: { points: number; limiter: RateLimiterMemory };
};

function limiter(): RateLimiterMemory {
  const points = env().COLLAB_ANON_TOKENS_PER_ADDRESS;
  const cached = globalForLimit.__hallwayAnonTokenLimit;
  if (cached?.points === points) return cached.limiter;
  const created = new RateLimiterMemory({ keyPrefix: 'collab-anon-token', points, duration: 600 });
  globalForLimit.__hallwayAnonTokenLimit = { points, limiter: created };
  return created;
}

/** Counts one anonymous token for this client address; rate_limited (429) past the limit. */
export async function takeAnonymousCollabToken(clientAddress: string): Promise<void> {
  try {
    await limiter().consume(rateLimitKeyForAddress(clientAddress));
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    const minutes = Math.max(1, Math.ceil(res.msBeforeNext / 60_000));
    throw new AppError(
      'rate_limited',
      `Too many anonymous connections from your network: sign in, or try again in ${minutes} min`,
    );
  }
}
