import 'server-only';
import Database from 'better-sqlite3';
import { resolveDatabaseTarget } from '@/lib/database-url';

// Reads the collab server makes many times a second on SQLite (the access epoch, access rows for
// every upgrade), on a read-only connection of their own with statements prepared once. Through
// Prisma each such query was compiled (its query compiler) and prepared again by the adapter:
// ~1.1 ms of CPU for the epoch's one-row read, and a tenth of the main thread's time while 10,000
// connections were admitted. SQLite in WAL mode lets this connection read beside Prisma's writer;
// each statement sees the last committed state, as Prisma's reads do. postgres-reads.ts is the
// PostgreSQL counterpart.

let open: { file: string; db: Database.Database; statements: Map<string, Database.Statement> } | null = null;

/** A prepared statement on the shared read connection; null when the database is not SQLite. */
export function sqliteStatement(sql: string): Database.Statement | null {
  const target = resolveDatabaseTarget();
  if (target.provider !== 'sqlite') return null;
  if (open?.file !== target.file) {
    open?.db.close();
    open = {
      file: target.file,
      db: new Database(target.file, { fileMustExist: true, readonly: true }),
      statements: new Map(),
    };
  }
  let statement = open.statements.get(sql);
  if (!statement) {
    statement = open.db.prepare(sql);
    open.statements.set(sql, statement);
  }
  return statement;
}
