import { z } from 'zod';
import { databaseProvider, db } from '@/lib/db';

// What an access decision needs from the database, for many (user, session) pairs in one SQL
// query: the collab server asks for every upgrade and for every open (user, document) pair every
// COLLAB_REVALIDATE_MS, and most of the cost of a query here is Prisma's per-query work (compiling
// it into a plan, tracing, the driver round trip), not the rows. Lookups made in the same turn of
// the event loop (a burst of upgrades, one slice of the periodic re-check) go out together.

/** The session's event (its visibility), the user's membership role in it, and the user. */
export const accessRow = z.object({
  pairUser: z.string().nullable(),
  pairSession: z.string(),
  eventId: z.string(),
  visibility: z.enum(['PUBLIC', 'UNLISTED', 'PRIVATE']),
  role: z.enum(['ORGANISER', 'ATTENDEE']).nullable(),
  /** Null with a user id: no such user. */
  userName: z.string().nullable(),
  // SQLite stores booleans as integers.
  isGuest: z.union([z.boolean(), z.number(), z.bigint()]).nullable(),
  guestEventId: z.string().nullable(),
  /** The access epoch (access-epoch.ts) as of the same read: this answer holds while it stands. */
  epoch: z
    .union([z.number(), z.bigint(), z.string()])
    .nullable()
    .transform((v) => (v === null ? null : Number(v))),
});
export type AccessRow = z.output<typeof accessRow>;

/** Pairs per query: far below SQLite's and PostgreSQL's limits on bound parameters. */
const MAX_PAIRS = 200;

interface Waiting {
  userId: string | null;
  sessionId: string;
  resolve: (row: AccessRow | null) => void;
  reject: (err: unknown) => void;
}

let pending = new Map<string, Waiting[]>();
let scheduled = false;
let queriesMade = 0;

/** SQL queries this process has made for access rows (a metric: a skipped re-check makes none). */
export function accessRowQueries(): number {
  return queriesMade;
}

const pairKey = (userId: string | null, sessionId: string) => `${userId ?? ''}\u0000${sessionId}`;

/** The row for one pair (null: no such session), looked up together with this turn's other pairs. */
export function accessRowFor(userId: string | null, sessionId: string): Promise<AccessRow | null> {
  return new Promise((resolve, reject) => {
    const key = pairKey(userId, sessionId);
    const list = pending.get(key);
    const waiting = { userId, sessionId, resolve, reject };
    if (list) list.push(waiting);
    else pending.set(key, [waiting]);
    if (!scheduled) {
      scheduled = true;
      // After this turn's I/O callbacks: a burst of upgrades read in one poll shares the query.
      setImmediate(flush);
    }
  });
}

function flush(): void {
  const batch = pending;
  pending = new Map();
  scheduled = false;
  const keys = [...batch.keys()];
  for (let i = 0; i < keys.length; i += MAX_PAIRS) {
    const chunk = keys.slice(i, i + MAX_PAIRS).map((k) => batch.get(k)!);
    queryRows(chunk.map((w) => w[0]!)).then(
      (rows) => {
        for (const waiting of chunk) {
          const row = rows.get(pairKey(waiting[0]!.userId, waiting[0]!.sessionId)) ?? null;
          for (const w of waiting) w.resolve(row);
        }
      },
      (err: unknown) => {
        for (const waiting of chunk) for (const w of waiting) w.reject(err);
      },
    );
  }
}

async function queryRows(pairs: { userId: string | null; sessionId: string }[]): Promise<Map<string, AccessRow>> {
  const pg = databaseProvider() === 'postgresql';
  const params: (string | null)[] = [];
  const param = (v: string | null) => {
    params.push(v);
    return `CAST(${pg ? `$${params.length}` : '?'} AS TEXT)`;
  };
  const values = pairs.map((p) => `(${param(p.userId)}, ${param(p.sessionId)})`).join(', ');
  // Plain SQL both databases run alike; one row per pair whose session exists.
  const sql = `WITH p("u", "s") AS (VALUES ${values})
    SELECT p."u" AS "pairUser", p."s" AS "pairSession", e."id" AS "eventId", e."visibility" AS "visibility",
      m."role" AS "role", u."name" AS "userName", u."isGuest" AS "isGuest", u."guestEventId" AS "guestEventId",
      (SELECT ae."value" FROM "AccessEpoch" ae WHERE ae."id" = 1) AS "epoch"
    FROM p
    JOIN "Session" s ON s."id" = p."s"
    JOIN "Event" e ON e."id" = s."eventId"
    LEFT JOIN "User" u ON u."id" = p."u"
    LEFT JOIN "Membership" m ON m."eventId" = e."id" AND m."userId" = p."u"`;
  queriesMade++;
  const rows = await db.$queryRawUnsafe<unknown[]>(sql, ...params);
  const out = new Map<string, AccessRow>();
  for (const raw of rows) {
    const row = accessRow.parse(raw);
    out.set(pairKey(row.pairUser, row.pairSession), row);
  }
  return out;
}
