// Derives prisma/postgres/schema.prisma from prisma/schema.prisma (provider and output differ).
import fs from 'node:fs';
const src = fs.readFileSync('prisma/schema.prisma', 'utf8');
const pg = src
  .replace(`provider = "sqlite"`, `provider = "postgresql"`)
  .replace(`url      = "file:./unused.db"`, `url      = "postgresql://unused"`)
  .replace('output     = "../generated/sqlite"', 'output     = "../../generated/postgres"')
  .replace(
    /^\/\/ Source of truth[\s\S]*?\n\n/,
    '// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs: do not edit.\n\n',
  );
if (pg === src || !pg.includes('postgresql') || !pg.includes('generated/postgres'))
  throw new Error('schema derivation failed');
fs.mkdirSync('prisma/postgres', { recursive: true });
const out = 'prisma/postgres/schema.prisma';
if (process.argv.includes('--check')) {
  if (fs.readFileSync(out, 'utf8') !== pg) {
    console.error(`${out} is stale: run npm run db:schemas`);
    process.exit(1);
  }
} else fs.writeFileSync(out, pg);
