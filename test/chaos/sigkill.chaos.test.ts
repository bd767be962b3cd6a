import { afterEach, expect, it } from 'vitest';
import {
  connectClient,
  notesFixture,
  spawnCollab,
  waitFor,
  type Client,
  type SpawnedCollab,
} from '@/test/collab-support';
import { notesString, storedNotes, typeMark } from './notes-content';

// SIGKILL in the middle of a burst, five times in a row: what any client typed (while the server
// was up, or down and the client offline) must end up in every client and in the database.

const CLIENTS = 20;
const RESTARTS = 5;

let server: SpawnedCollab | null = null;
let clients: Client[] = [];
afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  if (server?.proc.exitCode === null) await server.kill9();
  server = null;
});

it(`SIGKILL during a burst from ${CLIENTS} clients, ${RESTARTS} restarts: clients and database converge on every edit`, async () => {
  const f = await notesFixture();
  server = await spawnCollab();
  const port = server.port;
  // One member per client, so the per-user rate limit (100 messages/s) is never the reason for a close.
  for (let i = 0; i < CLIENTS; i++)
    clients.push(connectClient(server.url, f.docName, f.tokenFor((await f.member()).id)));
  await waitFor(() => clients.every((c) => c.provider.synced), { what: 'clients synced' });

  const marks: string[] = [];
  let typing = true;
  const burst = clients.map(async (c, ci) => {
    for (let i = 0; typing && i < 100_000; i++) {
      const mark = `[${ci}.${i}]`;
      marks.push(mark);
      typeMark(c.doc, mark);
      // Pacing the load (about 25 edits/s per client), not waiting for a condition.
      await new Promise((r) => setTimeout(r, 40));
    }
  });

  for (let round = 0; round < RESTARTS; round++) {
    // Kill mid-stream: the server has stored part of the burst, not all of it.
    const before = (await storedNotes(f.docName)).length;
    await waitFor(async () => (await storedNotes(f.docName)).length > before + 200, {
      what: `burst stored (round ${round + 1})`,
      timeoutMs: 30_000,
    });
    await server.kill9();
    server = await spawnCollab({ port });
    await waitFor(() => clients.every((c) => c.provider.synced), {
      what: `all reconnected (round ${round + 1})`,
      timeoutMs: 30_000,
    });
  }
  typing = false;
  await Promise.all(burst);

  const reference = await waitFor(
    () => {
      const first = notesString(clients[0]!.doc);
      return clients.every((c) => notesString(c.doc) === first) ? first : null;
    },
    { what: 'clients identical', timeoutMs: 30_000 },
  );
  const missing = marks.filter((m) => !reference.includes(m));
  expect(missing).toEqual([]);
  await waitFor(async () => (await storedNotes(f.docName)) === reference, {
    what: 'database identical',
    timeoutMs: 30_000,
  });
  console.log(
    `sigkill: ${marks.length} edits from ${CLIENTS} clients checked in every client and the database after ${RESTARTS} SIGKILL restarts`,
  );
});
