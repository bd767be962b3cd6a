import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GithubProvider from 'next-auth/providers/github';
import { z } from 'zod';
import { env, githubEnabled } from '@/lib/env';
import { logger } from '@/lib/logger';
import { safeAuthRedirect } from '@/lib/http/safe-redirect';
import { joinAsGuest } from '@/lib/invites/redeem-invite';
import { upsertGithubUser } from '@/lib/users/upsert-github-user';
import { verifiedGithubEmail } from '@/lib/users/github-emails';
import { verifyCredentials } from '@/lib/users/verify-credentials';
import { authSecret } from './auth-secret';
import { recordSignInFailure, recordSignInSuccess } from './auth-rate-limit';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { SESSION_MAX_AGE_S } from './session-cookie';
import { currentSessionVersion, endAllSessions, sessionVersionIsCurrent } from './session-version';

const passwordForm = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) });
const guestForm = z.object({ token: z.string().min(1).max(100), name: z.string().min(1).max(100) });

function githubApiBase(): string {
  const e = env();
  const web = e.GITHUB_URL.replace(/\/$/, '');
  return (e.GITHUB_API_URL ?? (web === 'https://github.com' ? 'https://api.github.com' : `${web}/api/v3`)).replace(
    /\/$/,
    '',
  );
}

function githubProvider() {
  const e = env();
  const web = e.GITHUB_URL.replace(/\/$/, '');
  const api = githubApiBase();
  return GithubProvider({
    clientId: e.GITHUB_ID!,
    clientSecret: e.GITHUB_SECRET!,
    // gist scope: exporting notes as a gist acts as the user.
    authorization: { url: `${web}/login/oauth/authorize`, params: { scope: 'read:user user:email gist' } },
    token: `${web}/login/oauth/access_token`,
    userinfo: `${api}/user`,
  });
}

/** next-auth configuration: email + password, guests through invite links, GitHub when configured. */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        id: 'password',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        // The route (app/api/auth/[...nextauth]/route.ts) refuses rate-limited attempts with 429
        // before they get here; this records how each one ended.
        async authorize(raw, req) {
          const parsed = passwordForm.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const header = req?.headers?.[CLIENT_ADDRESS_HEADER] as string | undefined;
          const address = header ?? 'unknown';
          const user = await verifyCredentials(email, password);
          if (!user) {
            await recordSignInFailure(address, email);
            return null;
          }
          await recordSignInSuccess(address, email);
          return { id: user.id, name: user.name, email: user.email };
        },
      }),
      CredentialsProvider({
        id: 'guest',
        name: 'Guest',
        credentials: { token: { label: 'Invite', type: 'text' }, name: { label: 'Name', type: 'text' } },
        async authorize(raw) {
          const parsed = guestForm.safeParse(raw);
          if (!parsed.success) return null;
          try {
            const guest = await joinAsGuest(parsed.data);
            return { id: guest.userId, name: guest.name, email: null };
          } catch (err) {
            logger.info({ reason: (err as Error).message }, 'guest join refused');
            throw new Error((err as Error).message);
          }
        },
      }),
      ...(githubEnabled() ? [githubProvider()] : []),
    ],
    callbacks: {
      // next-auth's default accepts any string starting with '/', including `/\\evil.example`.
      async redirect({ url, baseUrl }) {
        return safeAuthRedirect(url, baseUrl);
      },
      async signIn({ account, profile, user }) {
        if (account?.provider !== 'github') return true;
        const p = profile as
          | { id?: number | string; login?: string; name?: string | null; email?: string | null; avatar_url?: string }
          | undefined;
        // Only an address GitHub verified may be stored or matched to an existing account.
        const email = account.access_token
          ? await verifiedGithubEmail(githubApiBase(), account.access_token, user.email ?? p?.email ?? null)
          : null;
        const local = await upsertGithubUser({
          providerAccountId: String(account.providerAccountId ?? p?.id),
          email,
          name: p?.name || p?.login || user.name || 'GitHub user',
          image: p?.avatar_url ?? null,
          accessToken: account.access_token ?? null,
          scope: account.scope ?? null,
          tokenType: account.token_type ?? null,
        });
        // Carry our own id into the jwt callback.
        user.id = local.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.name = user.name;
          token.email = user.email;
          token.sv = await currentSessionVersion(user.id);
          return token;
        }
        // Every read of the session re-checks it: after sign-out (anywhere) the cookie is cleared.
        const sv = typeof token.sv === 'number' ? token.sv : 0;
        if (!token.sub || !(await sessionVersionIsCurrent(token.sub, sv))) throw new Error('session ended');
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sub === 'string') await endAllSessions(token.sub);
      },
    },
    logger: {
      error: (code, metadata) =>
        logger.error({ code, metadata: metadata instanceof Error ? metadata.message : undefined }, 'next-auth error'),
      warn: (code) => logger.warn({ code }, 'next-auth warning'),
      debug: () => undefined,
    },
  };
}
