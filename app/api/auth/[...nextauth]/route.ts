import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/auth-options';
import { toErrorResponse } from '@/lib/http/api-route';
import { readAuthForm } from '@/lib/auth/read-auth-form';

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so AUTH_SECRET and GitHub settings resolved at start-up apply.
// POST bodies are read here first, capped and checked, so next-auth never parses a huge or broken one.
async function handler(req: NextRequest, ctx: Ctx) {
  if (req.method !== 'POST') return NextAuth(authOptions())(req, ctx);
  let text: string;
  try {
    text = await readAuthForm(req);
  } catch (err) {
    return toErrorResponse(err);
  }
  const replay = new NextRequest(req.url, { method: 'POST', headers: req.headers, body: text });
  return NextAuth(authOptions())(replay, ctx);
}

export { handler as GET, handler as POST };
