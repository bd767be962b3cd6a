import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAssets } from './static-assets';

// The build's static files served compressed once each, over a real HTTP server; what it does not
// serve goes on to the fallback (Next.js in the app), answered here with 404 "next".

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-static-'));
const script = `console.log(${JSON.stringify('hallway '.repeat(4000))});\n`;
let server: http.Server;
let base = '';

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'static', 'chunks'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'static', 'chunks', 'app.js'), script);
  // A whole second, so the test can set the same time again exactly.
  const when = new Date('2026-12-01T10:00:00Z');
  fs.utimesSync(path.join(dist, 'static', 'chunks', 'app.js'), when, when);
  fs.writeFileSync(path.join(dist, 'static', 'chunks', 'font.woff2'), 'not compressible');
  fs.writeFileSync(path.join(dist, 'secret.txt'), 'outside static');
  const assets = staticAssets(dist);
  server = http.createServer((req, res) => {
    void assets.serve(req, res).then((served) => {
      if (!served) res.writeHead(404).end('next');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dist, { recursive: true, force: true });
});

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(base + url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('static assets of the build', () => {
  it('are compressed once (Brotli or gzip, as the browser accepts) and kept', async () => {
    const first = await get('/_next/static/chunks/app.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('br');
    expect(first.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(first.headers.vary).toBe('Accept-Encoding');
    const decoded = (r: typeof first) =>
      (r.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(r.body) : zlib.gunzipSync(r.body)).toString();
    expect(decoded(first)).toBe(script);
    expect(first.body.length).toBeLessThan(script.length / 10);

    for (let i = 0; i < 5; i++) {
      const again = await get('/_next/static/chunks/app.js', { 'accept-encoding': 'gzip' });
      expect(again.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(again.body).toString()).toBe(script);
    }
    // Kept, not read again: the same size and time with other bytes still gives the first bytes,
    // and a new modification time gives the new ones.
    const file = path.join(dist, 'static', 'chunks', 'app.js');
    const { mtime } = fs.statSync(file);
    const changed = script.replace('hallway', 'HALLWAY');
    fs.writeFileSync(file, changed);
    fs.utimesSync(file, mtime, mtime);
    const kept = await get('/_next/static/chunks/app.js', { 'accept-encoding': 'gzip' });
    expect(zlib.gunzipSync(kept.body).toString()).toBe(script);
    fs.utimesSync(file, mtime, new Date(mtime.getTime() + 1000));
    const fresh = await get('/_next/static/chunks/app.js', { 'accept-encoding': 'gzip' });
    expect(zlib.gunzipSync(fresh.body).toString()).toBe(changed);
    fs.writeFileSync(file, script);

    const br = await get('/_next/static/chunks/app.js', { 'accept-encoding': 'br;q=1, gzip;q=0.5' });
    expect(decoded(br)).toBe(script);

    const cached = await get('/_next/static/chunks/app.js', {
      'accept-encoding': 'br',
      'if-none-match': br.headers.etag!,
    });
    expect(cached.status).toBe(304);
    expect(cached.body.length).toBe(0);
  });

  it('leaves to Next.js what it should not answer: no compression accepted, other types, other paths', async () => {
    expect((await get('/_next/static/chunks/app.js')).body.toString()).toBe('next');
    expect((await get('/_next/static/chunks/app.js', { 'accept-encoding': 'gzip;q=0' })).body.toString()).toBe('next');
    expect((await get('/_next/static/chunks/font.woff2', { 'accept-encoding': 'gzip' })).body.toString()).toBe('next');
    expect((await get('/_next/static/chunks/missing.js', { 'accept-encoding': 'gzip' })).body.toString()).toBe('next');
    expect((await get('/_next/static/chunks/', { 'accept-encoding': 'gzip' })).body.toString()).toBe('next');
    expect((await get('/e/some-event', { 'accept-encoding': 'gzip' })).body.toString()).toBe('next');
  });

  it('never reads outside the static folder', async () => {
    for (const url of [
      '/_next/static/../secret.txt',
      '/_next/static/%2e%2e/secret.txt',
      '/_next/static/chunks/%2e%2e%2f..%2fsecret.txt',
    ]) {
      const res = await get(url, { 'accept-encoding': 'gzip' });
      expect(res.body.toString(), url).toBe('next');
    }
  });
});
