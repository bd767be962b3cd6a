import { z } from 'zod';
import { postgresRead } from './postgres-reads';
import { sqliteStatement } from './sqlite-reads';

// What an access decision needs from the database, for many (user, session) pairs in one SQL
// query: the collab server asks for every upgrade and for every open (user, document) pair every
// COLLAB_REVALIDATE_MS. Lookups made in the same turn of the event loop (a burst of upgrades, one
// slice of the periodic re-check) go out together, as statements prepared once on connections of
// the collab server's own (sqlite-reads.ts, postgres-reads.ts): through Prisma, its per-query work
// (compiling the query, preparing the statement again) cost more than the rows.

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
const MAX_PAIRS = 256;

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
  queriesMade++;
  const out = new Map<string, AccessRow>();
  for (const raw of await runQuery(pairs)) {
    const row = accessRow.parse(raw);
    out.set(pairKey(row.pairUser, row.pairSession), row);
  }
  return out;
}

// The text of each size's statement, made once: the statements themselves are prepared once.
const sqlCache = new Map<string, string>();

/** The query for `count` pairs (placeholders `?` for SQLite, `$n` for PostgreSQL). */
function sqlFor(count: number, pg: boolean): string {
  const key = `${pg}:${count}`;
  let sql = sqlCache.get(key);
  if (!sql) sqlCache.set(key, (sql = buildSql(count, pg)));
  return sql;
}

function buildSql(count: number, pg: boolean): string {
  let n = 0;
  const param = () => `CAST(${pg ? `$${++n}` : '?'} AS TEXT)`;
  const values = Array.from({ length: count }, () => `(${param()}, ${param()})`).join(', ');
  // Plain SQL both databases run alike; one row per pair whose session exists.
  return `WITH p("u", "s") AS (VALUES ${values})
    SELECT p."u" AS "pairUser", p."s" AS "pairSession", e."id" AS "eventId", e."visibility" AS "visibility",
      m."role" AS "role", u."name" AS "userName", u."isGuest" AS "isGuest", u."guestEventId" AS "guestEventId",
      (SELECT ae."value" FROM "AccessEpoch" ae WHERE ae."id" = 1) AS "epoch"
    FROM p
    JOIN "Session" s ON s."id" = p."s"
    JOIN "Event" e ON e."id" = s."eventId"
    LEFT JOIN "User" u ON u."id" = p."u"
    LEFT JOIN "Membership" m ON m."eventId" = e."id" AND m."userId" = p."u"`;
}

/** Pair counts are rounded up to a power of two: a handful of statements, each prepared once. */
const bucket = (count: number) => 2 ** Math.ceil(Math.log2(Math.max(1, count)));

function runQuery(pairs: { userId: string | null; sessionId: string }[]): Promise<unknown[]> {
  // The list is padded with its last pair, whose row comes back twice and is keyed once.
  const size = bucket(pairs.length);
  const params: (string | null)[] = [];
  for (let i = 0; i < size; i++) {
    const p = pairs[Math.min(i, pairs.length - 1)]!;
    params.push(p.userId, p.sessionId);
  }
  const sqlite = sqliteStatement(sqlFor(size, false));
  if (sqlite) return Promise.resolve(sqlite.all(...params));
  return postgresRead({ name: `hallway_access_rows_${size}`, text: sqlFor(size, true) }, params)!;
}
