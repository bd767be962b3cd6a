import { afterAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { spawnCollab } from '@/test/collab-support';
import { metricsAllowed, tokensEqual } from './metrics-access';

describe('/metrics access', () => {
  it('is hidden without a token unless made public on purpose', () => {
    expect(metricsAllowed(undefined, undefined, false)).toBe('hidden');
    expect(metricsAllowed('Bearer anything', undefined, false)).toBe('hidden');
    expect(metricsAllowed(undefined, undefined, true)).toBe('ok');
  });

  it('needs the exact Bearer token when one is set', () => {
    expect(metricsAllowed(undefined, 's3cret-token', false)).toBe('unauthorized');
    expect(metricsAllowed('Bearer s3cret-tokem', 's3cret-token', true)).toBe('unauthorized');
    expect(metricsAllowed('Bearer s3cret-token-and-more', 's3cret-token', false)).toBe('unauthorized');
    expect(metricsAllowed('Bearer s3cret-token', 's3cret-token', false)).toBe('ok');
    expect(metricsAllowed('bearer   s3cret-token ', 's3cret-token', false)).toBe('ok');
  });

  it('compares tokens of any lengths without throwing', () => {
    expect(tokensEqual('', 'x')).toBe(false);
    expect(tokensEqual('x'.repeat(10_000), 'x')).toBe(false);
    expect(tokensEqual('same', 'same')).toBe(true);
  });
});

describe('the standalone collab server (npm run start:collab)', () => {
  const started: Array<{ stop(): Promise<number | null> }> = [];
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    resetEnvCache();
  });

  it('answers /metrics 404 by default, 401 with a wrong token, 200 with the right one', async () => {
    const hidden = await spawnCollab({ env: { METRICS_TOKEN: '' } });
    started.push(hidden);
    expect((await fetch(`http://127.0.0.1:${hidden.port}/metrics`)).status).toBe(404);
    const guarded = await spawnCollab({ env: { METRICS_TOKEN: 'metrics-test-token' } });
    started.push(guarded);
    const url = `http://127.0.0.1:${guarded.port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer metrics-test-tokeN' } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: 'Bearer metrics-test-token' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('hallway_collab');
  });
});
