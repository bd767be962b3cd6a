import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { assertStorableStrings, isStorableString, readJsonBody } from './read-body';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://localhost/api/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

async function statusOf(p: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

describe('readJsonBody', () => {
  it('refuses a declared length over the cap without reading the body', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    const req = post(stream, { 'content-length': String(40 * 1024 * 1024) });
    expect(await statusOf(readJsonBody(req, 1024 * 1024))).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading a chunked body as soon as it passes the cap', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += 64 * 1024;
        if (sent > 40 * 1024 * 1024) return c.close();
        c.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    expect(await statusOf(readJsonBody(post(stream), 1024 * 1024))).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it.each([
    ['{"name":"\\ud800"}', 400],
    ['{"name":"a\\udc00b"}', 400],
    ['{"name":"nul\\u0000"}', 400],
    ['{"\\ud800":"key"}', 400],
    ['{"list":[{"deep":"\\udfff"}]}', 400],
    ['{nope', 400],
    ['{"name":"emoji 😀 and \\ud83d\\ude00"}', 'ok'],
    ['', 'ok'],
  ] as const)('%s → %s', async (raw, expected) => {
    expect(await statusOf(readJsonBody(post(raw), 1024))).toBe(expected);
  });

  it('refuses bytes that are not UTF-8', async () => {
    expect(await statusOf(readJsonBody(post(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])), 1024))).toBe(400);
  });

  it('walks a very deeply nested body without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(200_000) + '"\\ud800"' + ']'.repeat(200_000)) as unknown;
    expect(() => assertStorableStrings(deep)).toThrow(AppError);
  });

  it('isStorableString keeps surrogate pairs and refuses lone halves', () => {
    expect(isStorableString('😀')).toBe(true);
    expect(isStorableString('\ud83d')).toBe(false);
    expect(isStorableString('\ude00\ud83d')).toBe(false);
  });
});
