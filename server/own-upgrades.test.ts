import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ownUpgrades } from './own-upgrades';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

describe('ownUpgrades', () => {
  it('keeps one upgrade listener when a request handler adds another, as Next.js does on its first request', async () => {
    const foreign: string[] = [];
    server = http.createServer((req, res) => {
      // What NextServer.setupWebSocketHandler does with the server of the first request it sees.
      (req.socket as unknown as { server: http.Server }).server.on('upgrade', (r: http.IncomingMessage) =>
        foreign.push(r.url ?? ''),
      );
      res.end('page');
    });
    server.on('upgrade', () => foreign.push('added before'));
    const ours: string[] = [];
    ownUpgrades(server, (req, socket) => {
      ours.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `127.0.0.1:${(server.address() as AddressInfo).port}`;

    expect(await (await fetch(`http://${base}/`)).text()).toBe('page');
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://${base}/collab/x`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });

    expect(refused).toBe(403);
    expect(ours).toEqual(['/collab/x']);
    expect(foreign).toEqual([]);
    expect(server.listenerCount('upgrade')).toBe(1);
  });
});
