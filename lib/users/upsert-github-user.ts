import { db } from '@/lib/db';
import { encryptToken } from '@/lib/github/github-token';

export interface GithubProfileInput {
  providerAccountId: string;
  /** An email GitHub has verified for this user (from /user/emails), or null: never the bare profile email. */
  email: string | null;
  name: string;
  image: string | null;
  accessToken: string | null;
  scope: string | null;
  tokenType: string | null;
}

/**
 * Finds or creates the user for a GitHub sign-in and stores the access token server-side,
 * encrypted (gist export uses it). An existing account with the same verified email is linked, not duplicated.
 */
export async function upsertGithubUser(
  p: GithubProfileInput,
): Promise<{ id: string; name: string; email: string | null }> {
  const tokenFields = {
    access_token: p.accessToken ? encryptToken(p.accessToken) : null,
    scope: p.scope,
    token_type: p.tokenType,
  };
  const existing = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: 'github', providerAccountId: p.providerAccountId } },
    select: { id: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (existing) {
    await db.account.update({ where: { id: existing.id }, data: tokenFields });
    return existing.user;
  }
  const byEmail = p.email
    ? await db.user.findUnique({
        where: { email: p.email.toLowerCase() },
        select: { id: true, name: true, email: true, isGuest: true },
      })
    : null;
  const user =
    byEmail && !byEmail.isGuest
      ? byEmail
      : await db.user.create({
          data: { name: p.name, email: p.email?.toLowerCase() ?? null, image: p.image },
          select: { id: true, name: true, email: true },
        });
  await db.account.create({
    data: {
      userId: user.id,
      type: 'oauth',
      provider: 'github',
      providerAccountId: p.providerAccountId,
      ...tokenFields,
    },
  });
  return { id: user.id, name: user.name, email: user.email };
}
