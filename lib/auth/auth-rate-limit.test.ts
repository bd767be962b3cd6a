import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { verifyCredentials } from '@/lib/users/verify-credentials';
import * as users from '@/app/api/users/route';
import { limitSignInAttempt, recordSignInFailure, recordSignInSuccess, resetAuthRateLimits } from './auth-rate-limit';

const ENV = {
  AUTH_SIGNUP_PER_ADDRESS: '3',
  AUTH_SIGNUP_PER_EMAIL: '2',
  AUTH_SIGNIN_PER_ADDRESS: '5',
  AUTH_SIGNIN_FAILURES_PER_ACCOUNT: '3',
};
const saved: Record<string, string | undefined> = {};

function useEnv(extra: Record<string, string | undefined> = {}) {
  for (const [k, v] of Object.entries({ ...ENV, ...extra })) {
    saved[k] ??= process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  resetAuthRateLimits();
}

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  resetAuthRateLimits();
});

const uniq = () => crypto.randomBytes(4).toString('hex');
const addr = () => `198.51.100.${crypto.randomInt(1, 250)}-${uniq()}`;

async function signUp(body: object, address: string) {
  const req = new Request('http://localhost:3000/api/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: address },
    body: JSON.stringify(body),
  });
  const res = await users.POST(req, { params: Promise.resolve({}) });
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    json: (await res.json()) as Record<string, unknown>,
  };
}

async function statusOf(p: Promise<unknown>): Promise<number | 'ok'> {
  return p.then(
    () => 'ok' as const,
    (err: unknown) => {
      if (err instanceof AppError) return err.status;
      throw err;
    },
  );
}

describe('sign-up', () => {
  beforeEach(() => useEnv());

  it('is limited per client address with 429 and Retry-After; another address is unaffected', async () => {
    const a = addr();
    for (let i = 0; i < 3; i++)
      expect(
        (await signUp({ email: `su-${uniq()}@example.test`, name: 'N', password: 'long-enough-pw' }, a)).status,
      ).toBe(201);
    const limited = await signUp({ email: `su-${uniq()}@example.test`, name: 'N', password: 'long-enough-pw' }, a);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(
      (await signUp({ email: `su-${uniq()}@example.test`, name: 'N', password: 'long-enough-pw' }, addr())).status,
    ).toBe(201);
  });

  it('is limited per email across addresses', async () => {
    const email = `su-${uniq()}@example.test`;
    expect((await signUp({ email, name: 'N', password: 'long-enough-pw' }, addr())).status).toBe(201);
    expect((await signUp({ email, name: 'N', password: 'long-enough-pw' }, addr())).status).toBe(201);
    expect((await signUp({ email, name: 'N', password: 'long-enough-pw' }, addr())).status).toBe(429);
  });

  it('answers the same whether or not the email has an account, and changes nothing', async () => {
    const email = `taken-${uniq()}@example.test`;
    const first = await signUp({ email, name: 'Owner', password: 'owner-password-1' }, addr());
    const again = await signUp({ email, name: 'Owner', password: 'attacker-password' }, addr());
    expect(again.status).toBe(first.status);
    expect(Object.keys(again.json).sort()).toEqual(Object.keys(first.json).sort());
    expect(again.json).toEqual({ name: 'Owner', email });
    expect(await verifyCredentials(email, 'owner-password-1')).not.toBeNull();
    expect(await verifyCredentials(email, 'attacker-password')).toBeNull();
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});

async function signInScenario() {
  const email = `owner-${uniq()}@example.test`;
  const attacker = addr();
  const owner = addr();
  for (let i = 0; i < 3; i++) {
    expect(await statusOf(limitSignInAttempt(attacker, email))).toBe('ok');
    await recordSignInFailure(attacker, email);
  }
  // The guesser's address is now refused for this account…
  expect(await statusOf(limitSignInAttempt(attacker, email))).toBe(429);
  // …but the owner, elsewhere, still gets in; and the guesser may still try other accounts.
  expect(await statusOf(limitSignInAttempt(owner, email))).toBe('ok');
  await recordSignInSuccess(owner, email);
  expect(await statusOf(limitSignInAttempt(attacker, `other-${uniq()}@example.test`))).toBe('ok');
  return { attacker, email };
}

describe('sign-in', () => {
  beforeEach(() => useEnv({ REDIS_URL: undefined }));

  it('wrong passwords lock out the guessing address for that account, never the owner elsewhere', async () => {
    await signInScenario();
  });

  it('limits attempts per address, and gives back the ones that succeeded', async () => {
    const a = addr();
    for (let i = 0; i < 10; i++) {
      expect(await statusOf(limitSignInAttempt(a, `ok-${i}@example.test`))).toBe('ok');
      await recordSignInSuccess(a, `ok-${i}@example.test`);
    }
    for (let i = 0; i < 5; i++)
      expect(await statusOf(limitSignInAttempt(a, `guess-${uniq()}@example.test`))).toBe('ok');
    expect(await statusOf(limitSignInAttempt(a, `guess-${uniq()}@example.test`))).toBe(429);
  });
});

describe.runIf(process.env.TEST_REDIS_URL)('sign-in limits in Redis (shared by every node)', () => {
  it('a limit reached on one node holds on another', async () => {
    useEnv({ REDIS_URL: process.env.TEST_REDIS_URL });
    const { attacker, email } = await signInScenario();
    resetAuthRateLimits(); // a fresh process: memory would have forgotten
    expect(await statusOf(limitSignInAttempt(attacker, email))).toBe(429);
  });
});
