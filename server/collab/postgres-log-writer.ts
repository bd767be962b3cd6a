import pg from 'pg';
import * as Y from 'yjs';
import { LOG_QUERY, mergeStoredSnapshotAndLog, type StoredDoc } from '@/lib/collab/stored-doc';
import { logger } from '@/lib/logger';
import type { CompactResult, LogBatch, LogWriter } from './log-writer';
import type { CollabMetrics } from './metrics';

const log = logger.child({ component: 'collab-log-writer' });

// Named statements: each connection parses and plans them once, then only binds values. The append
// has one text whatever the number of rows (arrays unnested), so it is prepared once too.
// Timestamps in UTC, as Prisma writes them into its `timestamp without time zone` columns.
const NOW = `(now() AT TIME ZONE 'UTC')`;
const APPEND = {
  name: 'hallway_log_append',
  text:
    `INSERT INTO "DocUpdate" ("docName", "data", "createdAt") ` +
    `SELECT "docName", "data", ${NOW} FROM unnest($1::text[], $2::bytea[]) AS u("docName", "data")`,
};
const LOAD = { name: 'hallway_log_load', text: LOG_QUERY.postgresql };
// Locks the snapshot row, so a second compaction of the document (this node or another) waits
// for this one to commit and then reads what it left.
const LOCK_SNAPSHOT = {
  name: 'hallway_log_lock_snapshot',
  text: 'SELECT "data", "lastUpdateId" FROM "DocSnapshot" WHERE "docName" = $1 FOR UPDATE',
};
// Which rows are merged, and their bytes in id order, each after its length (as LOG_QUERY).
const LOG_ROWS = {
  name: 'hallway_log_rows',
  text:
    `SELECT array_agg("id" ORDER BY "id") AS "ids", ` +
    `string_agg(int4send(length("data")) || "data", ''::bytea ORDER BY "id") AS "log" ` +
    `FROM "DocUpdate" WHERE "docName" = $1`,
};
const UPDATE_SNAPSHOT = {
  name: 'hallway_log_update_snapshot',
  text: `UPDATE "DocSnapshot" SET "data" = $2, "lastUpdateId" = $3, "updatedAt" = ${NOW} WHERE "docName" = $1`,
};
// No snapshot to lock: a compaction racing this one inserts too, and the later of the two finds the
// row there and gives way (a conflict, as compactDoc reports it).
const INSERT_SNAPSHOT = {
  name: 'hallway_log_insert_snapshot',
  text:
    `INSERT INTO "DocSnapshot" ("docName", "data", "lastUpdateId", "updatedAt") VALUES ($1, $2, $3, ${NOW}) ` +
    `ON CONFLICT ("docName") DO NOTHING`,
};
const BEGIN_COMPACTION = "BEGIN; SET LOCAL lock_timeout = '10s'; SET LOCAL statement_timeout = '30s'";
// Exactly the rows merged, never `id <= max`: ids are handed out when a row is inserted but
// become visible when it commits, so a smaller id can still commit after this read.
const DELETE_ROWS = {
  name: 'hallway_log_delete_rows',
  text: 'DELETE FROM "DocUpdate" WHERE "docName" = $1 AND "id" = ANY($2::int[])',
};

const asBuffer = (u8: Uint8Array) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

/**
 * The update log on PostgreSQL through `pg` directly, on the calling thread: a pool of its own
 * (DATABASE_POOL_SIZE connections) and prepared statements. Through Prisma each append went through
 * its query compiler and result mapping (about a fifth of the busy time of a server with 500 rooms);
 * here an append is one statement with two array parameters. The database does its work in its
 * own processes, and merging one flush's few updates per document is cheap, so a thread of its
 * own (as on SQLite) would only add copying.
 */
export class PostgresLogWriter implements LogWriter {
  private readonly pool: pg.Pool;
  private closing = false;

  constructor(
    connectionString: string,
    poolSize: number,
    private readonly metrics: CollabMetrics,
  ) {
    // A server that does not answer fails the write after 5 s (as lib/db.ts): the UpdateLog keeps
    // the updates and retries.
    this.pool = new pg.Pool({ connectionString, max: poolSize, connectionTimeoutMillis: 5000, keepAlive: true });
    // An idle connection that breaks (the database restarted) is dropped by the pool; unhandled,
    // the pool's 'error' event would end the process.
    this.pool.on('error', (err) => log.warn({ err: err.message }, 'idle log writer connection lost'));
  }

  /** One statement for the whole flush: committed, all documents' rows, when it resolves. */
  async write(batch: LogBatch[]): Promise<void> {
    const started = performance.now();
    const names: string[] = [];
    const data: Buffer[] = [];
    for (const { docName, updates } of batch) {
      names.push(docName);
      data.push(asBuffer(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)));
    }
    await this.query(APPEND, [names, data]);
    this.observe('append', started);
  }

  /** The log read in one statement (one state of the database), merged here. */
  async load(docName: string): Promise<StoredDoc> {
    const started = performance.now();
    const { rows } = await this.query<{ log: Buffer | null; rows: number; snapshot: Buffer | null }>(LOAD, [docName]);
    const row = rows[0];
    const state = mergeStoredSnapshotAndLog(row?.snapshot ?? null, row?.log ?? null);
    const stored = state ? { state, logRows: row!.rows } : { state: null, logRows: 0 };
    this.observe('load', started);
    return stored;
  }

  /**
   * As compactDoc in persistence.ts, in one transaction: the snapshot row is locked first, then the
   * log read, merged, written as the snapshot, and exactly the rows read deleted. Appends that
   * commit meanwhile stay in the log for the next compaction.
   */
  async compact(docName: string): Promise<CompactResult> {
    if (this.closing) throw new Error('log writer closed');
    const started = performance.now();
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      // Bounded as compactDoc's Prisma transaction was: a compaction stuck behind another node's
      // lock gives up (and is tried again later) instead of holding a connection for good.
      await client.query(BEGIN_COMPACTION);
      const result = await this.compactIn(client, docName);
      await client.query(result === 'compacted' ? 'COMMIT' : 'ROLLBACK');
      this.observe('compact', started);
      return result;
    } catch (err) {
      broken = err as Error;
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      // A connection whose transaction failed midway is not handed to the next request.
      client.release(broken);
    }
  }

  private async compactIn(client: pg.PoolClient, docName: string): Promise<CompactResult> {
    const snapshot = (
      await client.query<{ data: Buffer; lastUpdateId: number }>({ ...LOCK_SNAPSHOT, values: [docName] })
    ).rows[0];
    const logged = (
      await client.query<{ ids: number[] | null; log: Buffer | null }>({ ...LOG_ROWS, values: [docName] })
    ).rows[0];
    const ids = logged?.ids ?? [];
    if (ids.length === 0) return 'nothing';
    const merged = asBuffer(mergeStoredSnapshotAndLog(snapshot?.data ?? null, logged!.log)!);
    const lastUpdateId = Math.max(ids[ids.length - 1]!, snapshot?.lastUpdateId ?? 0);
    const wrote = snapshot
      ? await client.query({ ...UPDATE_SNAPSHOT, values: [docName, merged, lastUpdateId] })
      : await client.query({ ...INSERT_SNAPSHOT, values: [docName, merged, lastUpdateId] });
    if (wrote.rowCount !== 1) return 'conflict';
    await client.query({ ...DELETE_ROWS, values: [docName, ids] });
    return 'compacted';
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.pool.end();
  }

  private query<R extends pg.QueryResultRow>(
    statement: { name: string; text: string },
    values: unknown[],
  ): Promise<pg.QueryResult<R>> {
    if (this.closing) return Promise.reject(new Error('log writer closed'));
    return this.pool.query<R>({ ...statement, values });
  }

  private observe(op: 'append' | 'load' | 'compact', started: number): void {
    this.metrics.logWriterSeconds.observe({ op }, (performance.now() - started) / 1000);
  }
}
