import { afterAll, expect, it } from 'vitest';
import {
  connectClient,
  notesFixture,
  spawnCollab,
  storedText,
  waitFor,
  type Client,
  type SpawnedCollab,
} from '@/test/collab-support';
import { prng } from '@/test/prng';

// In the spirit of Yjs's own randomized tests: five clients edit, drop off and come back while the
// server restarts (politely or with kill -9); in the end everyone and the database agree.

let server: SpawnedCollab | null = null;
const clients: Client[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  if (server && server.proc.exitCode === null) await server.kill9();
});

it('5 clients with random edits, disconnects and server restarts converge', async () => {
  const seed = Number(process.env.COLLAB_FUZZ_SEED ?? Date.now() % 1_000_000);
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const f = await notesFixture();
  server = await spawnCollab();
  const port = server.port;
  for (let i = 0; i < 5; i++) clients.push(connectClient(server.url, f.docName, f.token));

  for (let round = 0; round < 4; round++) {
    for (let step = 0; step < 60; step++) {
      const c = pick(clients);
      const r = rnd();
      if (r < 0.08) {
        if (c.provider.shouldConnect) c.provider.disconnect();
        else c.provider.connect();
      } else if (r < 0.25 && c.text.length > 0) {
        const at = Math.floor(rnd() * c.text.length);
        c.text.delete(at, Math.min(1 + Math.floor(rnd() * 4), c.text.length - at));
      } else {
        c.text.insert(Math.floor(rnd() * (c.text.length + 1)), pick(['a', 'b', 'c', 'xyz', ' ', 'hello ']));
      }
      if (rnd() < 0.3) await new Promise((res) => setTimeout(res, Math.floor(rnd() * 8)));
    }
    if (round < 3) {
      // Restart: half the time politely, half the time without a chance to flush.
      if (rnd() < 0.5) await server.kill9();
      else expect(await server.stop()).toBe(0);
      server = await spawnCollab({ port });
    }
  }

  for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
  const text = await waitFor(
    () => {
      const t = clients[0]!.text.toString();
      return clients.every((c) => c.provider.synced && c.text.toString() === t) ? { t } : null;
    },
    { what: `convergence (seed ${seed})`, timeoutMs: 20_000 },
  );
  await waitFor(async () => (await storedText(f.docName)) === text.t, { what: `database (seed ${seed})` });
}, 90_000); // four server processes start here
