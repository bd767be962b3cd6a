#!/usr/bin/env node
// Measures /api/health latency while N sign-ups and N sign-ins with unknown emails run in
// parallel against a running Hallway (issue 9 #7: password hashing must not stall the server).
// Usage: node scripts/health-under-signups.mjs [baseUrl] [parallel]
// Prints the idle and loaded latencies (median and max) and how many requests were limited (429).
import crypto from 'node:crypto';

const base = (process.argv[2] ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const parallel = Number(process.argv[3] ?? 8);

async function timeHealth() {
  const t = performance.now();
  const r = await fetch(`${base}/api/health`);
  await r.text();
  return performance.now() - t;
}

async function sample(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await timeHealth());
  return out.sort((a, b) => a - b);
}

const stats = (xs) => ({
  median: xs[Math.floor(xs.length / 2)].toFixed(1),
  max: xs[xs.length - 1].toFixed(1),
  n: xs.length,
});

async function signUp() {
  const id = crypto.randomBytes(6).toString('hex');
  const r = await fetch(`${base}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `load-${id}@example.test`, name: `Load ${id}`, password: `pw-${id}-long-enough` }),
  });
  await r.text();
  return r.status;
}

async function signInUnknown() {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = await csrf.json();
  const id = crypto.randomBytes(6).toString('hex');
  const r = await fetch(`${base}/api/auth/callback/password`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({
      csrfToken,
      email: `nobody-${id}@example.test`,
      password: 'wrong-password-123',
      json: 'true',
    }),
  });
  await r.text();
  return r.status;
}

await timeHealth();
const idle = await sample(20);
let running = true;
const loaded = [];
const monitor = (async () => {
  while (running) loaded.push(await timeHealth());
})();
const statuses = [];
const t0 = performance.now();
for (let round = 0; round < 3; round++) {
  statuses.push(...(await Promise.all([...Array(parallel)].flatMap(() => [signUp(), signInUnknown()]))));
}
const elapsed = performance.now() - t0;
running = false;
await monitor;
loaded.sort((a, b) => a - b);
const counts = statuses.reduce((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});
console.log(
  JSON.stringify({
    base,
    parallel,
    rounds: 3,
    idle: stats(idle),
    underLoad: stats(loaded),
    authStatuses: counts,
    loadMs: elapsed.toFixed(0),
  }),
);
