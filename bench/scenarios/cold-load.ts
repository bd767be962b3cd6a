import WS from 'ws';
import * as Y from 'yjs';
import { onEachServer } from './side-by-side';
import { readMessage, STEP1, syncMessage } from '../lib/wire';
import type { RunningServer } from '../lib/servers';
import type { Flags, Log } from './flags';

/** Opens one full client and returns the milliseconds until its document holds the stored state. */
function timeToLoad(
  server: RunningServer,
  doc: string,
  token: string,
  expectChars: number,
): Promise<{ ms: number; chars: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const ws = new WS(`${server.wsUrl}/${doc}?token=${token}`, { perMessageDeflate: false });
    const ydoc = new Y.Doc();
    const timer = setTimeout(() => (ws.terminate(), reject(new Error('document did not load within 60 s'))), 60_000);
    ws.on('open', () => ws.send(syncMessage('y-websocket', doc, STEP1, new Uint8Array([0]))));
    ws.on('message', (data: Buffer) => {
      const m = readMessage('y-websocket', new Uint8Array(data));
      if (m.kind !== 'step2') return;
      Y.applyUpdate(ydoc, m.payload);
      const ms = performance.now() - t0;
      const chars = ydoc
        .getXmlFragment('default')
        .toString()
        .replace(/<[^>]*>/g, '').length;
      clearTimeout(timer);
      ws.close();
      if (chars !== expectChars) reject(new Error(`loaded ${chars} characters, expected ${expectChars}`));
      else resolve({ ms: Math.round(ms * 10) / 10, chars });
    });
    ws.on('error', (err) => (clearTimeout(timer), reject(err)));
  });
}

/**
 * A document with many stored updates (100,000, and 10,000 for the trend) opened for the first
 * time, then again while it is in memory. Hallway only: the peers run in memory here, with nothing
 * stored to load. A load that takes longer than a minute is reported as such.
 */
export async function coldLoad(flags: Flags, log: Log) {
  const sizes = flags.quick ? [10_000] : [10_000, 100_000];
  const out: Record<string, unknown> = {};
  for (const updates of sizes) {
    out[updates] = await onEachServer(
      flags,
      `cold-load-${updates}`,
      { docs: 1, users: 1, tokens: [[0, 0, true]], coldUpdates: updates },
      async (server) => {
        const seed = server.seed!;
        const token = seed.coldToken!;
        try {
          const cold = await timeToLoad(server, seed.coldDoc!, token, updates - 1);
          const warm = await timeToLoad(server, seed.coldDoc!, token, updates - 1);
          log(`    ${updates} stored updates: first open ${cold.ms} ms, again ${warm.ms} ms`);
          return { storedUpdates: updates, coldMs: cold.ms, warmMs: warm.ms, characters: cold.chars };
        } catch (err) {
          log(`    ${updates} stored updates: ${(err as Error).message}`);
          return { storedUpdates: updates, coldMs: null, note: (err as Error).message };
        }
      },
      log,
      ['hallway'],
    );
  }
  return {
    results: out,
    peers: 'not applicable: y-websocket and Hocuspocus run in memory here, with nothing stored to load',
  };
}
