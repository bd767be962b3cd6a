// Operator CLI: `npm run cli -- <command>`. Answers go to stdout, logs and errors to stderr.
process.env.HALLWAY_LOG_STDERR = '1';
process.env.LOG_LEVEL ??= 'warn';

import { Command, CommanderError } from 'commander';

async function main(argv: string[]): Promise<void> {
  const { AppError } = await import('@/lib/errors');
  const { z } = await import('zod');
  const program = new Command('hallway')
    .description('Hallway operator commands')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('db')
    .description('database commands')
    .command('migrate')
    .description('apply pending migrations to DATABASE_URL (or DATA_DIR/hallway.db)')
    .action(async () => {
      const { migrateDatabase } = await import('@/lib/migrate-database');
      const applied = await migrateDatabase();
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
    });

  const user = program.command('user').description('manage accounts');
  user
    .command('create')
    .description('create an email + password account')
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--password <password>', 'password (at least 10 characters)')
    .action(async (o: { email: string; name: string; password: string }) => {
      const { signUp } = await import('@/lib/users/sign-up');
      const u = await signUp(o);
      console.log(`Created user ${u.email} (${u.id})`);
    });

  const token = program.command('token').description('manage personal API tokens');
  token
    .command('create')
    .description('create an API token for a user; prints only the token')
    .requiredOption('--email <email>', 'the account the token acts as')
    .option('--name <name>', 'what the token is for', 'CLI token')
    .action(async (o: { email: string; name: string }) => {
      const { userByEmail } = await import('@/lib/users/find-user');
      const { createApiToken } = await import('@/lib/tokens/api-tokens');
      const t = await createApiToken(await userByEmail(o.email), { name: o.name });
      process.stdout.write(`${t.token}\n`);
    });

  program
    .command('event')
    .description('events')
    .command('list')
    .description('list every event')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const { listAllEvents } = await import('@/lib/events/list-events');
      const events = await listAllEvents();
      if (o.json) return void console.log(JSON.stringify(events, null, 2));
      if (events.length === 0) return void console.log('No events');
      for (const e of events)
        console.log(
          `${e.slug.padEnd(30)} ${e.startDate} → ${e.endDate}  ${e.visibility.padEnd(8)} ${e.members} members  ${e.title}`,
        );
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof AppError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    if (err instanceof z.ZodError) {
      process.stderr.write(
        `error: ${err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}\n`,
      );
      process.exitCode = 1;
      return;
    }
    throw err;
  } finally {
    const { db } = await import('@/lib/db');
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`error: ${(err as Error).message}\n`);
  process.exit(1);
});
