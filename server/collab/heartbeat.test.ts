import { expect, it } from 'vitest';
import WS from 'ws';
import { collabPerFile } from '@/test/collab-per-file';
import { notesFixture, waitFor, waitSynced } from '@/test/collab-support';
import { startHeartbeat } from './heartbeat';

const server = collabPerFile();

it('terminates a peer that stopped answering pings and keeps the others', async () => {
  const f = await notesFixture();
  const live = Array.from({ length: 3 }, () => server.client(server.collab.url, f.docName, f.token));
  await waitSynced(...live);
  // A peer whose pongs never come (as one that vanished without a FIN).
  const silent = new WS(`${server.collab.url}/${f.docName}?token=${f.token}`, { autoPong: false });
  await new Promise((r) => silent.once('open', r));
  const doc = server.collab.server.docs.get(f.docName)!;
  await waitFor(() => doc.conns.size === 4, { what: 'four connections' });
  const conns = new Set(doc.conns);
  const stop = startHeartbeat(conns, server.collab.server.metrics, 50);
  try {
    await waitFor(() => silent.readyState === WS.CLOSED, { what: 'silent peer terminated' });
    // Several more rounds: the live ones answer every ping.
    await new Promise((r) => setTimeout(r, 200));
    expect(live.every((c) => c.provider.wsconnected && c.closeCodes.length === 0)).toBe(true);
  } finally {
    stop();
    silent.terminate();
  }
});
