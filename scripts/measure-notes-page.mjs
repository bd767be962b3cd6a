// Measures the notes page as a first-time visitor gets it: the JavaScript it loads (bytes on the
// wire and gzip-compressed) and the time from navigation to an editable, synced editor.
//
//   npx next build && node scripts/measure-notes-page.mjs [--runs 7] [--port 3790] [--settle 1000]
//
// Starts the production server (server/main.ts) on a fresh SQLite database, creates an event and
// a session through the API, then opens the notes page in Chromium with an empty cache each run,
// waiting `--settle` ms between runs.
// Prints one JSON line with the figures (docs/performance.md records them). Add `--trace` for the
// median time of each step on the way (navigation timing, the scripts, the app's `hallway:` marks,
// the WebSocket), and `--files` for each script's compressed size. `--chrome-trace FILE` adds one
// more, uncounted run (`--traced-runs N`: N more) recorded as a Chrome performance trace (the main
// thread's tasks, script evaluation, the user-timing marks; open it in DevTools' Performance
// panel) and a CPU profile beside it (FILE.cpuprofile). `--no-omnibox-webui`: see NO_OMNIBOX_WEBUI.
// `--screenshot FILE.png`: the first counted run's page once it is idle.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = flag('runs', 7);
const TRACE = args.includes('--trace');
const CHROME_TRACE = args.includes('--chrome-trace') ? args[args.indexOf('--chrome-trace') + 1] : null;
const TRACED_RUNS = CHROME_TRACE ? flag('traced-runs', 1) : 0;
// Chromium 156 loads its omnibox popup (a WebUI page: ~400 chrome:// modules, ~280 ms of CPU in a
// renderer of its own) into every new window, so into every run's, while the notes page loads.
// A browser a person already has open did that once; this leaves it out of the runs.
const NO_OMNIBOX_WEBUI = args.includes('--no-omnibox-webui');
const SCREENSHOT = args.includes('--screenshot') ? args[args.indexOf('--screenshot') + 1] : null;
const SETTLE_MS = flag('settle', 1000);
const PORT = flag('port', 3790);
const BASE = `http://localhost:${PORT}`;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

async function waitForHealth(deadline) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** In the page: navigation timing, the end of the last script asked for before the editor, marks. */
function readSteps() {
  const nav = performance.getEntriesByType('navigation')[0];
  const r = (x) => Math.round(x);
  const steps = {
    htmlRequested: r(nav.requestStart),
    htmlFirstByte: r(nav.responseStart),
    htmlDone: r(nav.responseEnd),
    domInteractive: r(nav.domInteractive),
    domContentLoaded: r(nav.domContentLoadedEventEnd),
  };
  const scripts = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script');
  // Scripts asked for once the notes' first client module ran were not named in the HTML.
  const asked = performance.getEntriesByName('hallway:client-module')[0]?.startTime ?? Infinity;
  const pageScripts = scripts.filter((e) => e.startTime < asked);
  steps.pageScriptsDone = r(Math.max(...pageScripts.map((e) => e.responseEnd)));
  const later = scripts.filter((e) => e.startTime >= asked);
  if (later.length) {
    steps.laterScriptsAsked = r(Math.min(...later.map((e) => e.startTime)));
    steps.laterScriptsDone = r(Math.max(...later.map((e) => e.responseEnd)));
  }
  for (const m of performance.getEntriesByType('mark'))
    if (m.name.startsWith('hallway:') && !(m.name.slice(8) in steps)) steps[m.name.slice(8)] = r(m.startTime);
  return steps;
}

/** In the page: every request, from navigation start (for one run's trace, on stderr). */
function readResources() {
  const nav = performance.getEntriesByType('navigation')[0];
  const short = (u) => u.replace(location.origin, '').slice(0, 70);
  return [
    { name: 'document', start: 0, firstByte: Math.round(nav.responseStart), end: Math.round(nav.responseEnd) },
    ...performance.getEntriesByType('resource').map((e) => ({
      name: short(e.name),
      type: e.initiatorType,
      start: Math.round(e.startTime),
      firstByte: Math.round(e.responseStart),
      end: Math.round(e.responseEnd),
    })),
  ];
}

function medianSteps(traces) {
  const keys = [...new Set(traces.flatMap((t) => Object.keys(t)))];
  const out = Object.fromEntries(keys.map((k) => [k, median(traces.map((t) => t[k]).filter((v) => v !== undefined))]));
  return Object.fromEntries(Object.entries(out).sort((a, b) => a[1] - b[1]));
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hallway-measure-'));
const server = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'server/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    AUTH_SECRET: crypto.randomBytes(32).toString('hex'),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    ...(NO_OMNIBOX_WEBUI ? ['--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup'] : []),
  ],
});
try {
  await waitForHealth(Date.now() + 240_000);
  // One organiser, one event, one session, through the API.
  const setup = await browser.newContext({ baseURL: BASE });
  const id = crypto.randomBytes(4).toString('hex');
  const user = { email: `measure-${id}@example.test`, name: 'Measure', password: `pw-${id}-long-enough` };
  await setup.request.post('/api/users', { data: user });
  const { csrfToken } = await (await setup.request.get('/api/auth/csrf')).json();
  await setup.request.post('/api/auth/callback/password', {
    form: { csrfToken, email: user.email, password: user.password, json: 'true' },
    maxRedirects: 0,
  });
  const event = await (
    await setup.request.post('/api/events', {
      data: {
        title: `Measure ${id}`,
        timezone: 'UTC',
        startDate: '2026-06-11',
        endDate: '2026-06-11',
        visibility: 'PUBLIC',
      },
    })
  ).json();
  const session = await (
    await setup.request.post(`/api/events/${event.slug}/sessions`, { data: { title: 'Measured session' } })
  ).json();
  const notesPath = `/e/${event.slug}/s/${session.id}`;
  const cookies = await setup.cookies();

  const times = [];
  const traces = [];
  let scripts = null;
  let afterEditable = null;
  for (let run = 0; run < RUNS + 1 + TRACED_RUNS; run++) {
    const traced = run > RUNS;
    const traceFile = traced && CHROME_TRACE.replace(/(\.json)?$/, TRACED_RUNS > 1 ? `-${run - RUNS}` : '');
    // A new context is a cold cache: nothing from the previous run is reused.
    const context = await browser.newContext({ baseURL: BASE });
    await context.addCookies(cookies);
    await context.addInitScript(() => {
      // Records the moment the editor becomes editable and synced, without polling.
      const check = () => {
        const ed = document.querySelector('[data-testid=notes-editor][contenteditable=true]');
        const st = document.querySelector('[data-testid=connection-status][data-phase=synced]');
        if (ed && st && !window.__editableAt) window.__editableAt = performance.now();
      };
      new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const page = await context.newPage();
    const js = new Map();
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') js.set(res.url(), res);
    });
    if (traced)
      await browser.startTracing(page, {
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'blink.user_timing',
          'loading',
          'v8.execute',
          'disabled-by-default-v8.compile',
        ],
      });
    const cdp = traced ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.goto(notesPath);
    const at = await page
      .waitForFunction(() => window.__editableAt, null, { timeout: 60_000 })
      .then((h) => h.jsonValue());
    if (traced) {
      await page.evaluate((t) => performance.mark('measure:editable', { startTime: t }), at);
      fs.writeFileSync(`${traceFile}.json`, await browser.stopTracing());
      const { profile } = await cdp.send('Profiler.stop');
      fs.writeFileSync(`${traceFile}.cpuprofile`, JSON.stringify(profile));
      console.error(
        `Chrome trace and CPU profile of one more run (editable at ${Math.round(at)} ms): ${traceFile}.json`,
      );
      await context.close();
      continue;
    }
    // The first run warms the server (compiled routes, database); it is not counted.
    if (run > 0) times.push(Math.round(at));
    if (TRACE && run > 0) {
      const steps = await page.evaluate(readSteps);
      steps.editable = at;
      traces.push(steps);
      if (run === 1) console.error(JSON.stringify(await page.evaluate(readResources)));
    }
    if (run === 1) {
      // What the page needed to become editable, then what it fetched afterwards when idle (the
      // clipboard's Markdown code, lib/editor/lazy-markdown.ts).
      // Asked for before the editable moment in the page's own timeline (by the time this script
      // hears of that moment, the page may have gone on to ask for the after-editable ones).
      const beforeEditable = new Set(
        await page.evaluate(
          (t) =>
            performance
              .getEntriesByType('resource')
              .filter((e) => e.startTime <= t)
              .map((e) => e.name),
          at,
        ),
      );
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => document.querySelector('[data-clipboard-markdown=ready]'), null, {
        timeout: 30_000,
      });
      let afterKB = 0;
      for (const [url, res] of js) {
        if (!beforeEditable.has(url)) afterKB += zlib.gzipSync(await res.body()).length / 1024;
      }
      afterEditable = {
        files: [...js.keys()].filter((u) => !beforeEditable.has(u)).length,
        gzipKB: Math.round(afterKB),
      };
      for (const url of [...js.keys()]) if (!beforeEditable.has(url)) js.delete(url);
      let wire = 0;
      let raw = 0;
      let gzip = 0;
      for (const res of js.values()) {
        const body = await res.body();
        const sizes = await res.request().sizes();
        wire += sizes.responseBodySize;
        raw += body.length;
        gzip += zlib.gzipSync(body).length;
        if (args.includes('--files'))
          console.error(`${Math.round(zlib.gzipSync(body).length / 1024)} KB gz  ${res.url()}`);
      }
      if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT, fullPage: true });
      scripts = {
        files: js.size,
        rawKB: Math.round(raw / 1024),
        gzipKB: Math.round(gzip / 1024),
        wireKB: Math.round(wire / 1024),
      };
    }
    await context.close();
    // Each run starts on a quiet server and browser: the previous page's last requests, its
    // WebSocket's close and the closed context's clean-up are not billed to the next one.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
  }
  // The server alone, warm: the page's HTML fetched with the session cookie, one request at a time.
  let serverMs = null;
  if (TRACE) {
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const firstByte = [];
    const done = [];
    for (let i = 0; i < 11; i++) {
      const t0 = performance.now();
      const res = await fetch(`${BASE}${notesPath}`, { headers: { cookie } });
      const reader = res.body.getReader();
      let first = null;
      const parts = [];
      for (;;) {
        const { done: end, value } = await reader.read();
        if (first === null && value) first = performance.now() - t0;
        if (value) parts.push(`${Math.round(performance.now() - t0)} ms ${value.length} B`);
        if (end) break;
      }
      if (i === 10) console.error(`HTML parts (warm server): ${parts.join(', ')}`);
      if (i > 0) {
        firstByte.push(Math.round(first));
        done.push(Math.round(performance.now() - t0));
      }
    }
    serverMs = { htmlFirstByte: median(firstByte), htmlDone: median(done) };
  }
  console.log(
    JSON.stringify({
      page: 'notes',
      runs: RUNS,
      editableMs: { median: median(times), min: Math.min(...times), max: Math.max(...times) },
      scripts,
      afterEditable,
      ...(TRACE && { stepsMs: medianSteps(traces), serverMs }),
    }),
  );
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
