import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callRoute } from '@/test/call-route';
import * as events from '@/app/api/events/route';

const ROOT = path.resolve(__dirname, '..');

/** Runs the CLI as operators do, against this test project's database. */
function cli(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'cli/hallway.ts'), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hallway CLI', () => {
  it('creates a user and a token that works as a Bearer token on POST /api/events', () => {
    const email = `cli-${crypto.randomBytes(4).toString('hex')}@example.test`;
    const created = cli('user', 'create', '--email', email, '--name', 'Cli User', '--password', 'long-enough-pw');
    expect(created.code, created.stderr).toBe(0);
    const t = cli('token', 'create', '--email', email, '--name', 'ci');
    expect(t.code, t.stderr).toBe(0);
    const token = t.stdout.trim();
    expect(token).toMatch(/^hw_[A-Za-z0-9_-]{40,}$/);
    expect(t.stdout).toBe(`${token}\n`);
    return callRoute(
      events.POST,
      'POST',
      {},
      {
        bearer: token,
        body: { title: 'From the CLI', timezone: 'UTC', startDate: '2026-01-01', endDate: '2026-01-01' },
      },
    ).then((r) => {
      expect(r.status).toBe(201);
      expect(r.json?.role).toBe('ORGANISER');
      const list = cli('event', 'list', '--json');
      expect(list.code).toBe(0);
      expect(JSON.parse(list.stdout)).toEqual(
        expect.arrayContaining([expect.objectContaining({ slug: r.json?.slug, members: 1 })]),
      );
    });
  });

  it('fails with a clear message and a non-zero exit on bad arguments', () => {
    const missing = cli('token', 'create');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/required option '--email/);
    const unknown = cli('token', 'create', '--email', 'nobody-at-all@example.test');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account with email');
    const weak = cli('user', 'create', '--email', 'weak@example.test', '--name', 'W', '--password', 'short');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password');
    expect(cli('frobnicate').code).not.toBe(0);
  });

  it('db migrate reports an up-to-date database', () => {
    const r = cli('db', 'migrate');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('up to date');
  });
});
