import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

// Hallway started on a data directory it cannot use (read-only, full): one clear message and a
// non-zero exit, before any build, secret or database is made. Each case runs `server/main.ts` for
// real. A read-only directory needs a read-only mount when the tests run as root (root ignores
// mode bits): a private tmpfs in a user and mount namespace (`unshare`), remounted read-only; a
// full disk is a 1 MiB tmpfs filled to the last byte.

const ROOT = path.resolve(__dirname, '../..');
const asRoot = process.getuid?.() === 0;
const namespaces =
  spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'true'], { stdio: 'ignore' }).status === 0;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) {
    fs.chmodSync(d, 0o755);
    fs.rmSync(d, { recursive: true, force: true });
  }
  dirs = [];
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-storage-'));
  dirs.push(d);
  return d;
}

/** Runs `server/main.ts` (through `setup`, a shell prefix that prepares DATA_DIR) to its exit. */
function start(dataDir: string, setup = ''): Promise<{ code: number | null; output: string }> {
  const node = `exec ${JSON.stringify(process.execPath)} --import tsx server/main.ts`;
  const script = setup ? `${setup} && ${node}` : node;
  const cmd = setup
    ? ['unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script]]
    : ['sh', ['-c', script]];
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'info' };
  // The database goes where the data directory is (DATABASE_URL would put it elsewhere).
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  return new Promise((resolve) => {
    const proc = spawn(cmd[0] as string, cmd[1] as string[], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
    proc.once('exit', (code) => resolve({ code, output }));
  });
}

function expectRefused(result: { code: number | null; output: string }, dataDir: string, what: string) {
  expect(result.code, result.output).toBe(1);
  expect(result.output).toContain(`cannot start: data directory ${dataDir} ${what}`);
  expect(result.output).toContain('set DATA_DIR');
  // Refused before anything else: no build was started.
  expect(result.output).not.toContain('next build');
}

it.skipIf(asRoot && !namespaces)('read-only data directory at start: clear error, exit 1', async () => {
  const dir = tempDir();
  let result;
  if (asRoot) {
    result = await start(dir, `mount -t tmpfs tmpfs "$DATA_DIR" && mount -o remount,ro "$DATA_DIR"`);
  } else {
    fs.chmodSync(dir, 0o555);
    result = await start(dir);
  }
  expectRefused(result, dir, asRoot ? 'is on a read-only file system' : 'is not writable');
  expect(result.output).toMatch(asRoot ? /EROFS/ : /EACCES/);
  console.log(
    `read-only DATA_DIR (${asRoot ? 'read-only tmpfs mount' : 'mode 555'}): exit ${result.code}, "${firstLine(result.output)}"`,
  );
});

it.skipIf(!namespaces)('full disk under the data directory at start: clear error, exit 1', async () => {
  const dir = tempDir();
  const result = await start(
    dir,
    // `head` fails once the 1 MiB filesystem is full, which is the point.
    `mount -t tmpfs -o size=1m tmpfs "$DATA_DIR" && { head -c 2000000 /dev/zero > "$DATA_DIR/filler" 2>/dev/null; true; }`,
  );
  expectRefused(result, dir, 'is full');
  expect(result.output).toMatch(/ENOSPC/);
  console.log(`full DATA_DIR (1 MiB tmpfs, filled): exit ${result.code}, "${firstLine(result.output)}"`);
});

it('data directory that cannot be created (a file is in the way): clear error, exit 1', async () => {
  const file = path.join(tempDir(), 'not-a-directory');
  fs.writeFileSync(file, '');
  const dir = path.join(file, 'data');
  const result = await start(dir);
  expectRefused(result, dir, 'cannot be created');
  expect(result.output).toMatch(/ENOTDIR/);
  console.log(`DATA_DIR under a file: exit ${result.code}, "${firstLine(result.output)}"`);
});

function firstLine(output: string): string {
  const line = output.split('\n').find((l) => l.includes('cannot start'));
  return line ? (JSON.parse(line) as { msg: string }).msg.slice(0, 120) : '(no message)';
}
