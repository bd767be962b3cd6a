import { NextResponse } from 'next/server';
import { parseCookies } from '@/lib/auth/session-cookie';
import { AppError } from '@/lib/errors';
import { apiRoute, toErrorResponse } from '@/lib/http/api-route';
import { CONNECT_CALLBACK_PATH, CONNECT_COOKIE, finishGithubConnect } from '@/lib/github/github-connect';

// Under next-auth's callback path on purpose: GitHub accepts redirect URIs below the registered
// callback URL, so the OAuth App needs no second registration. A static route wins over [...nextauth].

/** GitHub's answer to the gist consent: checks the state, stores the token, returns to the page. */
export const GET = apiRoute(async ({ req, actor }) => {
  const url = new URL(req.url);
  const cookie = parseCookies(req.headers.get('cookie')).get(CONNECT_COOKIE);
  // The state cookie is single-use: cleared on every answer, success or not.
  const forget = (res: NextResponse) => {
    res.cookies.set(CONNECT_COOKIE, '', { path: CONNECT_CALLBACK_PATH, maxAge: 0 });
    return res;
  };
  const back = (returnTo: string, outcome: string) => {
    const target = new URL(returnTo, url.origin);
    target.searchParams.set('github', outcome);
    return forget(
      new NextResponse(null, {
        status: 302,
        headers: { location: target.pathname + target.search, 'cache-control': 'no-store' },
      }),
    );
  };
  try {
    const { returnTo } = await finishGithubConnect({
      actor,
      code: url.searchParams.get('code'),
      state: url.searchParams.get('state'),
      cookie,
      error: url.searchParams.get('error'),
    });
    return back(returnTo, 'connected');
  } catch (err) {
    if (err instanceof AppError && err.code !== 'bad_request' && err.code !== 'unauthenticated')
      return back('/events', err.code === 'conflict' ? 'linked-elsewhere' : 'refused');
    const res = toErrorResponse(err);
    return forget(new NextResponse(res.body, res));
  }
});
