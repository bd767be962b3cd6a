import type http from 'node:http';
import type { Duplex } from 'node:stream';

type UpgradeListener = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * Makes `listener` the only 'upgrade' listener of `server`, now and later. Next.js adds one of its
 * own to the server of the first request it handles (NextServer.setupWebSocketHandler), which then
 * resolves Next's routes for every WebSocket opened, /collab included: 5 % of the main thread while
 * 10,000 connections were admitted. Production has no other WebSocket; in dev Next's listener is
 * left in place, as it serves the hot-reload socket.
 */
export function ownUpgrades(server: http.Server, listener: UpgradeListener): void {
  server.on('newListener', (event, added) => {
    // Removed once it is in place: 'newListener' fires before the listener is added.
    if (event === 'upgrade' && added !== listener) queueMicrotask(() => server.off('upgrade', added));
  });
  server.removeAllListeners('upgrade');
  server.on('upgrade', listener);
}
