import { afterAll, beforeAll } from 'vitest';
import { connectClient, startCollab, type Client, type RunningCollab } from '@/test/collab-support';

/**
 * One in-process collab server for a whole test file: started before its tests, closed after them
 * together with every client made through `client()`. (Vitest only: it registers hooks.)
 */
export function collabPerFile(config: Parameters<typeof startCollab>[0] = {}) {
  let running: RunningCollab | undefined;
  const clients: Client[] = [];
  beforeAll(async () => {
    running = await startCollab(config);
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await running?.close();
  });
  return {
    get collab(): RunningCollab {
      if (!running) throw new Error('the collab server starts in beforeAll');
      return running;
    },
    client(...args: Parameters<typeof connectClient>): Client {
      const c = connectClient(...args);
      clients.push(c);
      return c;
    },
  };
}
