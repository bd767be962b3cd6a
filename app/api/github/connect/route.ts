import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/api-route';
import { CONNECT_CALLBACK_PATH, CONNECT_COOKIE, startGithubConnect } from '@/lib/github/github-connect';

/** Sends the signed-in person to GitHub's consent page for the `gist` scope (?returnTo=/path). */
export const GET = apiRoute(async ({ req, actor }) => {
  const returnTo = new URL(req.url).searchParams.get('returnTo');
  const { location, cookie, maxAge } = startGithubConnect({ actor, returnTo });
  // The cookie goes on this response rather than through next/headers, so the route needs no
  // Next request scope (the permissions and fuzz tests call handlers directly).
  const res = new NextResponse(null, { status: 302, headers: { location, 'cache-control': 'no-store' } });
  res.cookies.set(CONNECT_COOKIE, cookie, {
    httpOnly: true,
    sameSite: 'lax',
    path: CONNECT_CALLBACK_PATH,
    maxAge,
    secure: new URL(req.url).protocol === 'https:',
  });
  return res;
});
