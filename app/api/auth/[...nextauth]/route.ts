import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';

// Options are built per request so AUTH_SECRET and GitHub settings resolved at start-up apply.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
