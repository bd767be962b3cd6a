import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCollab } from '@/test/collab-support';

/** Sends one keep-alive GET on an open socket and resolves with the status line, or the error. */
function get(socket: net.Socket, path: string): Promise<string> {
  return new Promise((resolve) => {
    if (socket.readableEnded || socket.destroyed) return resolve('closed by the server');
    let data = '';
    const onData = (chunk: Buffer) => {
      data += chunk.toString();
      // /health answers with a Content-Length body; the status line is all the test needs.
      if (data.includes('\r\n\r\n')) done(data.split('\r\n')[0]!);
    };
    const onEnd = () => done(`closed: ${data.split('\r\n')[0] ?? ''}`);
    const done = (result: string) => {
      socket.off('data', onData).off('end', onEnd).off('error', onEnd);
      resolve(result);
    };
    socket.on('data', onData).once('end', onEnd).once('error', onEnd);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe('idle keep-alive connections', () => {
  const started: Array<{ stop(): Promise<number | null> }> = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
  });

  it('stay open past Node’s default (5 s, closed at 6 s), so a client reusing one is not reset', async () => {
    const server = await spawnCollab();
    started.push(server);
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    expect(await get(socket, '/health')).toMatch(/^HTTP\/1\.1 (200|503)/);
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(await get(socket, '/health')).toMatch(/^HTTP\/1\.1 (200|503)/);
    socket.destroy();
  }, 20_000);

  it('close after HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
    const server = await spawnCollab({ env: { HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000' } });
    started.push(server);
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    expect(await get(socket, '/health')).toMatch(/^HTTP\/1\.1 (200|503)/);
    const idleSince = Date.now();
    await closed;
    expect(Date.now() - idleSince).toBeGreaterThanOrEqual(900);
  }, 20_000);
});
