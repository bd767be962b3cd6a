import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Profile, User } from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';
import { db } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { buildUser } from '@/test/builders';
import {
  FAKE_GITHUB_CLIENT,
  FAKE_GITHUB_OTHER_USERS,
  FAKE_GITHUB_USER,
  startFakeGithub,
} from '@/e2e/fixtures/fake-github';
import { verifiedGithubEmail } from './github-emails';

// Issue 9 #10: a GitHub login links to an existing password account only through an email
// GitHub verified. Runs the real sign-in callback against the local GitHub stand-in.

let server: Server;
let base = '';
const saved = { ...process.env };

beforeAll(async () => {
  server = await startFakeGithub(0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    GITHUB_ID: FAKE_GITHUB_CLIENT.id,
    GITHUB_SECRET: FAKE_GITHUB_CLIENT.secret,
    GITHUB_URL: base,
    GITHUB_API_URL: `${base}/api/v3`,
  });
  resetEnvCache();
});

afterAll(() => {
  server.close();
  for (const k of ['GITHUB_ID', 'GITHUB_SECRET', 'GITHUB_URL', 'GITHUB_API_URL']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvCache();
});

/** An access token from the stand-in's OAuth flow, as next-auth would get it. */
async function tokenFor(login: string | null, scope = 'read:user user:email gist'): Promise<string> {
  const redirect = 'http://localhost:3000/api/auth/callback/github';
  const q = new URLSearchParams({
    client_id: FAKE_GITHUB_CLIENT.id,
    redirect_uri: redirect,
    scope,
    ...(login ? { login } : {}),
  });
  const auth = await fetch(`${base}/login/oauth/authorize?${q}`, { redirect: 'manual' });
  const code = new URL(auth.headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(`${base}/login/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      client_id: FAKE_GITHUB_CLIENT.id,
      client_secret: FAKE_GITHUB_CLIENT.secret,
      code,
      redirect_uri: redirect,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function githubSignIn(profile: typeof FAKE_GITHUB_USER, accessToken: string): Promise<string> {
  const user = { id: String(profile.id), name: profile.name, email: profile.email } as User;
  const account = {
    provider: 'github',
    type: 'oauth',
    providerAccountId: String(profile.id),
    access_token: accessToken,
  } as Account;
  const ok = await authOptions().callbacks!.signIn!({ user, account, profile: profile as unknown as Profile });
  expect(ok).toBe(true);
  return user.id;
}

describe('GitHub sign-in and existing accounts', () => {
  it('an unverified profile email does not take over the password account with that email', async () => {
    const { profile } = FAKE_GITHUB_OTHER_USERS['unverified-octo']!;
    const victim = await buildUser({ email: profile.email, password: 'victim-password-1' });
    const id = await githubSignIn(profile, await tokenFor('unverified-octo'));
    expect(id).not.toBe(victim.id);
    const created = await db.user.findUniqueOrThrow({ where: { id } });
    // The address GitHub did verify is used instead.
    expect(created.email).toBe('real-unverified-octo@example.test');
    expect(await db.account.count({ where: { userId: victim.id } })).toBe(0);
  });

  it('a verified email links to the existing account', async () => {
    await db.user.deleteMany({ where: { email: FAKE_GITHUB_USER.email } });
    const owner = await buildUser({ email: FAKE_GITHUB_USER.email, password: 'owner-password-1' });
    expect(await githubSignIn(FAKE_GITHUB_USER, await tokenFor(null))).toBe(owner.id);
  });

  it('without the user:email scope nothing is treated as verified', async () => {
    expect(
      await verifiedGithubEmail(`${base}/api/v3`, await tokenFor(null, 'read:user'), FAKE_GITHUB_USER.email),
    ).toBeNull();
    expect(await verifiedGithubEmail(`${base}/api/v3`, 'gho_wrong', FAKE_GITHUB_USER.email)).toBeNull();
  });
});
