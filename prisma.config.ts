import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { ensureSqliteDir, resolveDatabaseTarget } from './lib/database-url';

// The js schema engine works offline (the classic one downloads a binary at run time). One
// config serves both providers: DATABASE_URL picks the schema and migrations folder.
const target = resolveDatabaseTarget();
const dir = target.provider === 'postgresql' ? path.join('prisma', 'postgres') : 'prisma';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(dir, 'schema.prisma'),
  migrations: { path: path.join(dir, 'migrations') },
  async adapter() {
    if (target.provider === 'postgresql') return new PrismaPg({ connectionString: target.url });
    ensureSqliteDir(target);
    return new PrismaBetterSQLite3({ url: target.url });
  },
});
