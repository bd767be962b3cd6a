import crypto from 'node:crypto';
import { Octokit } from '@octokit/rest';
import { authSecret } from '@/lib/auth/auth-secret';
import { db } from '@/lib/db';
import { env, githubEnabled, publicBaseUrl } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { encryptToken } from './github-token';
import { githubApiUrl, githubWebUrl } from './github-urls';

// Asking GitHub for the `gist` scope for someone who signed in another way (or before the scope was
// asked for): GitHub's OAuth consent, with a `state` bound to this person and checked on return.
// The callback lives under next-auth's callback URL, so the same OAuth App registration covers it.

export const CONNECT_COOKIE = 'hallway_github_connect';
export const CONNECT_CALLBACK_PATH = '/api/auth/callback/github/link';
const TTL_S = 600;

interface StatePayload {
  state: string;
  userId: string;
  returnTo: string;
  exp: number;
}

function sign(body: string): string {
  const key = crypto.createHmac('sha256', authSecret()).update('hallway github connect v1').digest();
  return crypto.createHmac('sha256', key).update(body).digest('base64url');
}

/** Only paths of this site: never another host ("//evil.example" included). */
export function safeReturnTo(returnTo: string | null | undefined): string {
  return returnTo && /^\/(?![/\\])/.test(returnTo) ? returnTo : '/events';
}

export function connectCallbackUrl(): string {
  return `${publicBaseUrl()}${CONNECT_CALLBACK_PATH}`;
}

/** Where to send the person (GitHub's consent page) and the cookie that remembers the state. */
export function startGithubConnect(opts: { actor: Actor | null; returnTo?: string | null }): {
  location: string;
  cookie: string;
  maxAge: number;
} {
  if (!opts.actor) throw new AppError('unauthenticated', 'Sign in first');
  if (opts.actor.isGuest) throw new AppError('forbidden', 'Guests cannot connect a GitHub account');
  if (!githubEnabled()) throw new AppError('not_found', 'GitHub is not configured on this server');
  const payload: StatePayload = {
    state: crypto.randomBytes(24).toString('base64url'),
    userId: opts.actor.userId,
    returnTo: safeReturnTo(opts.returnTo),
    exp: Math.floor(Date.now() / 1000) + TTL_S,
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const url = new URL(`${githubWebUrl()}/login/oauth/authorize`);
  url.searchParams.set('client_id', env().GITHUB_ID!);
  url.searchParams.set('redirect_uri', connectCallbackUrl());
  url.searchParams.set('scope', 'gist');
  url.searchParams.set('state', payload.state);
  url.searchParams.set('allow_signup', 'false');
  return { location: url.toString(), cookie: `${body}.${sign(body)}`, maxAge: TTL_S };
}

function readState(cookie: string | undefined): StatePayload | null {
  const [body, mac] = (cookie ?? '').split('.');
  if (!body || !mac) return null;
  const expected = sign(body);
  if (mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StatePayload;
    return p.exp > Date.now() / 1000 ? p : null;
  } catch {
    return null;
  }
}

/**
 * GitHub came back: the state must be the one this browser was given for this user; then the code
 * is exchanged for a token, which is stored encrypted on the person's GitHub account link.
 */
export async function finishGithubConnect(opts: {
  actor: Actor | null;
  code: string | null;
  state: string | null;
  cookie: string | undefined;
  error?: string | null;
}): Promise<{ returnTo: string }> {
  const saved = readState(opts.cookie);
  if (!opts.actor) throw new AppError('unauthenticated', 'Sign in first');
  if (
    !saved ||
    !opts.state ||
    saved.state.length !== opts.state.length ||
    !crypto.timingSafeEqual(Buffer.from(saved.state), Buffer.from(opts.state)) ||
    saved.userId !== opts.actor.userId
  ) {
    throw new AppError('bad_request', 'The GitHub connection could not be verified; start again');
  }
  if (opts.error || !opts.code) throw new AppError('forbidden', 'GitHub access was not granted');
  const e = env();
  const res = await fetch(`${githubWebUrl()}/login/oauth/access_token`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: e.GITHUB_ID!,
      client_secret: e.GITHUB_SECRET!,
      code: opts.code,
      redirect_uri: connectCallbackUrl(),
    }),
  }).catch(() => null);
  const grant = (await res?.json().catch(() => null)) as {
    access_token?: string;
    scope?: string;
    token_type?: string;
    error?: string;
  } | null;
  if (!res?.ok || !grant?.access_token)
    throw new AppError('forbidden', `GitHub did not grant access${grant?.error ? ` (${grant.error})` : ''}`);
  const octokit = new Octokit({
    auth: grant.access_token,
    baseUrl: githubApiUrl(),
    userAgent: 'Hallway',
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const { data: ghUser } = await octokit.rest.users.getAuthenticated();
  const providerAccountId = String(ghUser.id);
  const fields = {
    access_token: encryptToken(grant.access_token),
    scope: grant.scope ?? 'gist',
    token_type: grant.token_type ?? 'bearer',
  };
  const existing = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: 'github', providerAccountId } },
    select: { id: true, userId: true },
  });
  if (existing && existing.userId !== opts.actor.userId)
    throw new AppError('conflict', 'That GitHub account is already linked to another Hallway account');
  if (existing) await db.account.update({ where: { id: existing.id }, data: fields });
  else
    await db.account.create({
      data: { userId: opts.actor.userId, type: 'oauth', provider: 'github', providerAccountId, ...fields },
    });
  return { returnTo: saved.returnTo };
}
