import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/auth-options';
import { limitSignInAttempt } from '@/lib/auth/auth-rate-limit';
import { readAuthForm } from '@/lib/auth/read-auth-form';
import { toErrorResponse } from '@/lib/http/api-route';
import { clientAddressOf } from '@/lib/http/client-address';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so AUTH_SECRET and GitHub settings resolved at start-up apply.
// POST bodies are read here first, capped and checked, so next-auth never parses a huge or broken
// one; a password sign-in over its rate limit is answered 429 with Retry-After before any hashing.
async function handler(req: NextRequest, ctx: Ctx) {
  if (req.method !== 'POST') return NextAuth(authOptions())(req, ctx);
  try {
    const form = await readAuthForm(req);
    const { nextauth = [] } = await ctx.params;
    if (nextauth[0] === 'callback' && nextauth[1] === 'password') {
      const limited = await limitSignInAttempt(clientAddressOf(req.headers), form.values.email ?? '').then(
        () => null,
        (err: unknown) => err,
      );
      if (limited) return withSignInErrorUrl(toErrorResponse(limited), req.nextUrl.origin);
    }
    const replay = new NextRequest(req.url, { method: 'POST', headers: req.headers, body: form.text });
    return await NextAuth(authOptions())(replay, ctx);
  } catch (err) {
    return toErrorResponse(err);
  }
}

/** next-auth's client reads `url` from the JSON answer and its `error` parameter; give it one. */
async function withSignInErrorUrl(res: Response, origin: string): Promise<Response> {
  if (res.status !== 429) return res;
  const body = (await res.json()) as object;
  return Response.json({ ...body, url: `${origin}/signin?error=RateLimited` }, { status: 429, headers: res.headers });
}

export { handler as GET, handler as POST };
