import { afterAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  notesFixture,
  startCollab,
  waitFor,
  waitSynced,
  type Client,
  type RunningCollab,
} from '@/test/collab-support';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const servers: RunningCollab[] = [];
const clients: Client[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  await Promise.all(servers.map((s) => s.close()));
});

function client(url: string, docName: string, token: string): Client {
  const c = connectClient(url, docName, token);
  clients.push(c);
  return c;
}

describe('presence: who has a session’s notes open', () => {
  it('counts distinct editing users from their tokens, and readers apart', async () => {
    const node = await startCollab();
    servers.push(node);
    const f = await notesFixture();
    const member = await f.member();
    const a1 = client(node.url, f.docName, f.token);
    const a2 = client(node.url, f.docName, f.token); // the organiser's second tab
    const b = client(node.url, f.docName, f.tokenFor(member.id));
    const reader = client(node.url, f.docName, f.tokenFor(null, true));
    await waitSynced(a1, a2, b, reader);
    expect((await node.server.presence.read([f.docName])).get(f.docName)).toEqual({ editing: 2, viewing: 1 });

    b.destroy();
    await waitFor(async () => (await node.server.presence.read([f.docName])).get(f.docName)?.editing === 1, {
      what: 'member left',
    });
    expect((await node.server.presence.read(['session:nobodyhere0000'])).size).toBe(0);
  });

  it('sums every node’s connections through Redis', async () => {
    const [n1, n2] = await Promise.all([startCollab({ redisUrl: REDIS_URL }), startCollab({ redisUrl: REDIS_URL })]);
    servers.push(n1, n2);
    const f = await notesFixture();
    const member = await f.member();
    const a = client(n1.url, f.docName, f.token);
    const b = client(n2.url, f.docName, f.tokenFor(member.id));
    await waitSynced(a, b);
    await waitFor(async () => (await n2.server.presence.read([f.docName])).get(f.docName)?.editing === 2, {
      what: 'both nodes counted on node 2',
    });
    await waitFor(async () => (await n1.server.presence.read([f.docName])).get(f.docName)?.editing === 2, {
      what: 'both nodes counted on node 1',
    });

    a.destroy();
    await waitFor(async () => (await n2.server.presence.read([f.docName])).get(f.docName)?.editing === 1, {
      what: 'node 1 share withdrawn',
    });
  });
});
