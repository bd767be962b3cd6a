import { z } from 'zod';

// GitHub's profile `email` is whatever the user typed as public email; only /user/emails says
// which addresses GitHub has verified. An unverified one must never link to, or be stored as,
// someone's Hallway account: anyone can add any address to a GitHub profile.

const emailsSchema = z.array(
  z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }).passthrough(),
);

/**
 * The verified email to use for this GitHub user: `preferred` if GitHub verified it, else the
 * verified primary address, else null (also when GitHub cannot be asked: linking fails closed).
 */
export async function verifiedGithubEmail(
  apiBase: string,
  accessToken: string,
  preferred: string | null,
): Promise<string | null> {
  try {
    const res = await fetch(`${apiBase.replace(/\/$/, '')}/user/emails`, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/vnd.github+json',
        'user-agent': 'hallway',
      },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) return null;
    const emails = emailsSchema.parse(await res.json()).filter((e) => e.verified);
    const wanted = preferred?.toLowerCase();
    return (emails.find((e) => e.email.toLowerCase() === wanted) ?? emails.find((e) => e.primary))?.email ?? null;
  } catch {
    return null;
  }
}
