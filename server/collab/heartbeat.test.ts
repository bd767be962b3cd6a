import { expect, it } from 'vitest';
import WS from 'ws';
import { collabPerFile } from '@/test/collab-per-file';
import { notesFixture, waitFor, waitSynced } from '@/test/collab-support';
import { heartbeatRound } from './heartbeat';

const server = collabPerFile();

it('terminates a peer that stopped answering pings and keeps the others', async () => {
  const f = await notesFixture();
  const live = Array.from({ length: 3 }, () => server.client(server.collab.url, f.docName, f.token));
  await waitSynced(...live);
  const doc = server.collab.server.docs.get(f.docName)!;
  const liveConns = new Set(doc.conns);
  // A peer whose pongs never come (as one that vanished without a FIN).
  const silent = new WS(`${server.collab.url}/${f.docName}?token=${f.token}`, { autoPong: false });
  await new Promise((r) => silent.once('open', r));
  await waitFor(() => doc.conns.size === 4, { what: 'four connections' });
  const round = heartbeatRound(new Set(doc.conns), server.collab.server.metrics);
  // Rounds are driven here, each once the live peers answered the last ping: a short fixed
  // interval would also cut a live peer whose pong is late on a busy machine.
  const liveAnswered = () => [...liveConns].every((c) => c.alive);
  try {
    round.run();
    await waitFor(liveAnswered, { what: 'live peers answered the first ping' });
    expect(silent.readyState).toBe(WS.OPEN);
    round.run();
    await waitFor(() => silent.readyState === WS.CLOSED, { what: 'silent peer terminated' });
    await waitFor(liveAnswered, { what: 'live peers answered the second ping' });
    round.run();
    await waitFor(liveAnswered, { what: 'live peers answered the third ping' });
    expect(live.every((c) => c.provider.wsconnected && c.closeCodes.length === 0)).toBe(true);
    expect(doc.conns.size).toBe(3);
  } finally {
    round.stop();
    silent.terminate();
  }
});
