import { afterEach, describe, expect, it } from 'vitest';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import {
  connectClient,
  notesFixture,
  spawnCollab,
  storedText,
  waitFor,
  waitSynced,
  type Client,
  type SpawnedCollab,
} from '@/test/collab-support';

// The collab server as its own process (server/collab-main.ts), stopped politely and killed.

let procs: SpawnedCollab[] = [];
let clients: Client[] = [];
afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  for (const p of procs) if (p.proc.exitCode === null) await p.kill9();
  procs = [];
});

async function spawn(port?: number): Promise<SpawnedCollab> {
  const p = await spawnCollab({ port });
  procs.push(p);
  return p;
}

describe('collab server process', () => {
  it('flushes and exits 0 on SIGTERM with a normal close code; content survives the restart', async () => {
    const f = await notesFixture();
    const first = await spawn();
    const a = connectClient(first.url, f.docName, f.token);
    clients.push(a);
    await waitSynced(a);
    a.text.insert(0, 'written before SIGTERM');
    // Straight to SIGTERM: the update may still be in the 40 ms window; shutdown must flush it.
    await waitFor(() => a.provider.wsconnected);
    await new Promise((r) => setImmediate(r));
    expect(await first.stop()).toBe(0);
    await waitFor(() => a.closeCodes.includes(CollabCloseCode.normal), { what: 'normal close code' });
    const second = await spawn(first.port);
    const b = connectClient(second.url, f.docName, f.token);
    clients.push(b);
    await waitFor(() => b.text.toString() === 'written before SIGTERM', { what: 'content after restart' });
    // The first client reconnected on its own too.
    await waitFor(() => a.provider.synced, { what: 'reconnect' });
  }, 90_000); // several server processes start here: slow on a shared 2-core machine

  it('after kill -9 during a burst from several clients, everyone and the database converge on every edit', async () => {
    const f = await notesFixture();
    const first = await spawn();
    const writers = [0, 1, 2].map(() => connectClient(first.url, f.docName, f.token));
    clients.push(...writers);
    await waitSynced(...writers);

    const expected: string[] = [];
    let stop = false;
    const burst = writers.map(async (w, wi) => {
      for (let i = 0; !stop; i++) {
        const mark = `[${wi}-${i}]`;
        expected.push(mark);
        // At either end, so marks stay whole and can be found afterwards.
        w.text.insert(Math.random() < 0.5 ? 0 : w.text.length, mark);
        await new Promise((r) => setTimeout(r, 2));
      }
    });
    // Kill once the server is mid-stream: it has stored some of the burst, not all of it.
    await waitFor(async () => (await storedText(f.docName)).length > 200, { what: 'burst under way' });
    await first.kill9();
    await new Promise((r) => setTimeout(r, 50));
    const second = await spawn(first.port);
    await waitFor(() => writers.every((w) => w.provider.synced), { what: 'reconnected', timeoutMs: 20_000 });
    stop = true;
    await Promise.all(burst);

    const reference = await waitFor(
      () => {
        const t = writers[0]!.text.toString();
        return writers.every((w) => w.text.toString() === t) ? t : null;
      },
      { what: 'clients identical' },
    );
    for (const mark of expected) expect(reference).toContain(mark);
    await waitFor(async () => (await storedText(f.docName)) === reference, { what: 'database identical' });

    // A fresh client of the restarted server sees the same.
    const late = connectClient(second.url, f.docName, f.token);
    clients.push(late);
    await waitFor(() => late.text.toString() === reference, { what: 'late joiner identical' });
  }, 90_000);
});
