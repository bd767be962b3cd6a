import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { CurrentUser } from '@/lib/auth/current-actor';

/** The account with this email, as an actor (operators act as users from the CLI). */
export async function userByEmail(email: string): Promise<CurrentUser> {
  const u = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!u) throw new AppError('not_found', `No account with email ${email}`);
  return { userId: u.id, name: u.name, email: u.email, isGuest: u.isGuest, guestEventId: u.guestEventId };
}
