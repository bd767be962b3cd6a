import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { userFromApiToken, userFromCookieHeader, type CurrentUser } from './current-actor';

/** The signed-in user of the page being rendered, or null (looked up once per request). */
export const getPageUser = cache(async (): Promise<CurrentUser | null> => {
  const jar = await cookies();
  const header = jar
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
  const user = await userFromCookieHeader(header);
  if (user) return user;
  const auth = (await headers()).get('authorization');
  const m = auth ? /^Bearer\s+(.+)$/i.exec(auth) : null;
  return m?.[1] ? userFromApiToken(m[1]) : null;
});

/** The signed-in user, or a redirect to sign-in that comes back here. */
export async function requirePageUser(returnTo: string): Promise<CurrentUser> {
  const user = await getPageUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
