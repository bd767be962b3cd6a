import { db } from '@/lib/db';
import { burnPasswordCheck, verifyPassword } from '@/lib/auth/password';

/** The user these credentials belong to, or null; the same work and answer whatever was wrong. */
export async function verifyCredentials(email: string, password: string): Promise<{ id: string; name: string; email: string } | null> {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, name: true, email: true, passwordHash: true } });
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? { id: user.id, name: user.name, email: user.email! } : null;
}
