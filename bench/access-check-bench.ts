// The collab server's access check alone, on a fresh SQLite database: the previous check (through
// loadSessionAccess: four queries, the whole event row and its settings) against collabAccessOf,
// over the (user, document) pairs of the idle case (500 documents, members reading 15 connections
// each). Prints calls per second of each, alternating, and checks they decide alike.
//   npx tsx bench/access-check-bench.ts [pairs=2000] [rounds=3] [concurrency=64]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [pairsArg, roundsArg, concArg] = process.argv.slice(2);
const PAIRS = Number(pairsArg ?? 2000);
const ROUNDS = Number(roundsArg ?? 3);
const CONCURRENCY = Number(concArg ?? 64);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-access-bench-'));
process.env.DATABASE_URL = `file:${path.join(tmp, 'bench.db')}`;
process.env.AUTH_SECRET ??= 'access-bench-secret-access-bench-secret-0123';
process.env.LOG_LEVEL ??= 'warn';

async function main(): Promise<void> {
  const { db } = await import('@/lib/db');
  const { migrateDatabase } = await import('@/lib/migrate-database');
  const { resolveDatabaseTarget } = await import('@/lib/database-url');
  const { collabAccessOf } = await import('@/lib/collab/collab-access');
  const { loadSessionAccess } = await import('@/lib/sessions/session-access');
  const { AppError } = await import('@/lib/errors');
  const { docNameForSession, sessionIdFromDocName } = await import('@/lib/notes/doc-name');
  const { addMember, buildEvent, buildSession, buildUser } = await import('@/test/builders');

  // The check as it was before (lib/collab/collab-access.ts at bd34936).
  async function previous(userId: string | null, docName: string) {
    const sessionId = sessionIdFromDocName(docName)!;
    let actor = null;
    let name: string | null = null;
    if (userId) {
      const u = await db.user.findUnique({
        where: { id: userId },
        select: { id: true, name: true, isGuest: true, guestEventId: true },
      });
      if (!u) return { access: 'none', name: null };
      actor = { userId: u.id, isGuest: u.isGuest, guestEventId: u.guestEventId };
      name = u.name;
    }
    try {
      const access = await loadSessionAccess(actor, sessionId);
      return { access: access.canEditNotes ? 'write' : access.canReadNotes ? 'read' : 'none', name };
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return { access: 'none', name };
      throw err;
    }
  }

  await migrateDatabase(resolveDatabaseTarget());
  const { event } = await buildEvent({ visibility: 'PUBLIC' });
  const docs: string[] = [];
  for (let i = 0; i < 500; i++) docs.push(docNameForSession((await buildSession(event.id)).id));
  const users: string[] = [];
  for (let i = 0; i < 700; i++) {
    const u = await buildUser();
    if (i % 7 !== 0) await addMember(event.id, u.id); // some readers are not members
    users.push(u.id);
  }
  const pairs: [string | null, string][] = Array.from({ length: PAIRS }, (_, i) => [
    i % 50 === 0 ? null : users[i % users.length]!,
    docs[(i * 7) % docs.length]!,
  ]);

  for (const [u, d] of pairs.slice(0, 300)) {
    const a = await previous(u, d);
    const b = await collabAccessOf(u, d);
    if (a.access !== b.access || a.name !== b.name) throw new Error(`decisions differ for ${u} ${d}`);
  }

  async function run(check: (u: string | null, d: string) => Promise<unknown>): Promise<number> {
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < pairs.length) {
          const [u, d] = pairs[next++]!;
          await check(u, d);
        }
      }),
    );
    return pairs.length / ((performance.now() - t0) / 1000);
  }
  await run(previous); // warm both
  await run(collabAccessOf);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? ['previous', 'now'] : ['now', 'previous'];
    const out: Record<string, number> = {};
    for (const which of order) out[which] = await run(which === 'previous' ? previous : collabAccessOf);
    console.log(
      `round ${r + 1}: previous ${out.previous!.toFixed(0)} checks/s, now ${out.now!.toFixed(0)} checks/s, ` +
        `ratio ${(out.now! / out.previous!).toFixed(2)}`,
    );
  }
  await db.$disconnect();
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
