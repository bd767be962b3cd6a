import { db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '@/lib/auth/password';

/**
 * The user these credentials belong to, or null; the same work and answer whatever was wrong.
 * A correct password stored under an older hash (bcrypt) is re-hashed with argon2id on the way.
 */
export async function verifyCredentials(
  email: string,
  password: string,
): Promise<{ id: string; name: string; email: string } | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, name: true, email: true, passwordHash: true },
  });
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  if (needsRehash(user.passwordHash)) {
    const fresh = await hashPassword(password);
    // Only if nobody changed the password meanwhile; a failed upgrade is retried next sign-in.
    await db.user
      .updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: fresh } })
      .catch((err: unknown) => logger.warn({ err, userId: user.id }, 'password rehash failed'));
  }
  return { id: user.id, name: user.name, email: user.email! };
}
