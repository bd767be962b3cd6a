import { db } from '@/lib/db';

// A session cookie is a self-contained JWT, so signing out cannot delete it from a copy someone
// kept. Each user has a session version, written into the cookie at sign-in and compared on every
// request; signing out bumps it, which ends every session of that user (on every device).

/** The version a new session cookie for this user is issued under. */
export async function currentSessionVersion(userId: string): Promise<number> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return u?.sessionVersion ?? 0;
}

/** Whether a cookie issued under `version` is still good. */
export async function sessionVersionIsCurrent(userId: string, version: number): Promise<boolean> {
  return (await currentSessionVersion(userId)) === version;
}

/** Ends every session cookie the user holds, wherever it is. */
export async function endAllSessions(userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
