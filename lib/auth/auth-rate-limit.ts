import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { env } from '@/lib/env';
import { rateLimited } from '@/lib/errors';
import { rateLimitKeyForAddress } from '@/lib/http/client-address';

// Limits on the unauthenticated endpoints that cost a password hash: sign-up and sign-in. Counted
// in Redis when REDIS_URL is set (so every node shares them), in memory otherwise; if Redis fails
// the in-memory limiter stands in (rate-limiter-flexible's insurance). Wrong passwords are counted
// per address + email, so someone guessing at an account slows only themselves, not its owner.

interface Limiters {
  signUpAddress: RateLimiterAbstract;
  signUpEmail: RateLimiterAbstract;
  signInAddress: RateLimiterAbstract;
  signInFailures: RateLimiterAbstract;
  failureLimit: number;
  close(): void;
}

const globalForLimits = globalThis as unknown as { __hallwayAuthLimits?: Limiters };

function build(): Limiters {
  const e = env();
  // The offline queue lets the first requests wait for the connection instead of falling back;
  // with one retry per request, an outage still falls back to memory within a moment.
  const redis = e.REDIS_URL ? new Redis(e.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 }) : null;
  redis?.on('error', () => undefined); // the insurance limiter covers outages; ioredis reconnects
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    if (!redis) return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `hallway:rl:${keyPrefix}`,
      points,
      duration,
      insuranceLimiter: memory,
    });
  };
  return {
    signUpAddress: make('signup-address', e.AUTH_SIGNUP_PER_ADDRESS, 600),
    signUpEmail: make('signup-email', e.AUTH_SIGNUP_PER_EMAIL, 3600),
    signInAddress: make('signin-address', e.AUTH_SIGNIN_PER_ADDRESS, 600),
    signInFailures: make('signin-failures', e.AUTH_SIGNIN_FAILURES_PER_ACCOUNT, 900),
    failureLimit: e.AUTH_SIGNIN_FAILURES_PER_ACCOUNT,
    close: () => redis?.disconnect(),
  };
}

function limits(): Limiters {
  return (globalForLimits.__hallwayAuthLimits ??= build());
}

/** For tests that change the limits through the environment. */
export function resetAuthRateLimits(): void {
  globalForLimits.__hallwayAuthLimits?.close();
  globalForLimits.__hallwayAuthLimits = undefined;
}

const emailKey = (email: string) => email.trim().toLowerCase();
const accountKey = (address: string, email: string) => `${rateLimitKeyForAddress(address)}|${emailKey(email)}`;

async function take(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (res) {
    if (res instanceof RateLimiterRes) throw rateLimited(message, res.msBeforeNext / 1000);
    throw res;
  }
}

/** Counts one sign-up; throws rate_limited (429 with Retry-After) past either limit. */
export async function limitSignUp(address: string, email: string): Promise<void> {
  const l = limits();
  await take(l.signUpAddress, rateLimitKeyForAddress(address), 'Too many sign-ups from your network; try again later');
  await take(l.signUpEmail, emailKey(email), 'Too many sign-up attempts for this email; try again later');
}

/** Before a password is checked: refuses an address that failed too often for this email or overall. */
export async function limitSignInAttempt(address: string, email: string): Promise<void> {
  const l = limits();
  const failures = await l.signInFailures.get(accountKey(address, email));
  if (failures && failures.consumedPoints >= l.failureLimit) {
    throw rateLimited(
      'Too many wrong passwords for this account from your network; try again later',
      failures.msBeforeNext / 1000,
    );
  }
  await take(
    l.signInAddress,
    rateLimitKeyForAddress(address),
    'Too many sign-in attempts from your network; try again later',
  );
}

/** After a correct password: the attempt is given back and past failures for the account are forgotten. */
export async function recordSignInSuccess(address: string, email: string): Promise<void> {
  const l = limits();
  await Promise.all([
    l.signInAddress.reward(rateLimitKeyForAddress(address), 1),
    l.signInFailures.delete(accountKey(address, email)),
  ]).catch(() => undefined);
}

/** After a wrong password (or unknown email). */
export async function recordSignInFailure(address: string, email: string): Promise<void> {
  await limits()
    .signInFailures.consume(accountKey(address, email))
    .catch(() => undefined);
}
