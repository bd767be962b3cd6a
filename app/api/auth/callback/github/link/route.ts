import { cookies } from 'next/headers';
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-route';
import { CONNECT_CALLBACK_PATH, CONNECT_COOKIE, finishGithubConnect } from '@/lib/github/github-connect';

// Under next-auth's callback path on purpose: GitHub accepts redirect URIs below the registered
// callback URL, so the OAuth App needs no second registration. A static route wins over [...nextauth].

/** GitHub's answer to the gist consent: checks the state, stores the token, returns to the page. */
export const GET = apiRoute(async ({ req, actor }) => {
  const url = new URL(req.url);
  const jar = await cookies();
  const cookie = jar.get(CONNECT_COOKIE)?.value;
  jar.set(CONNECT_COOKIE, '', { path: CONNECT_CALLBACK_PATH, maxAge: 0 });
  const back = (returnTo: string, outcome: string) => {
    const target = new URL(returnTo, url.origin);
    target.searchParams.set('github', outcome);
    return new Response(null, { status: 302, headers: { location: target.pathname + target.search, 'cache-control': 'no-store' } });
  };
  try {
    const { returnTo } = await finishGithubConnect({ actor, code: url.searchParams.get('code'), state: url.searchParams.get('state'), cookie, error: url.searchParams.get('error') });
    return back(returnTo, 'connected');
  } catch (err) {
    if (err instanceof AppError && err.code !== 'bad_request' && err.code !== 'unauthenticated') return back('/events', err.code === 'conflict' ? 'linked-elsewhere' : 'refused');
    throw err;
  }
});
