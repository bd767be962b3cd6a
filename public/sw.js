// Hallway's service worker: keeps the app shell and the notes pages a page asked it to keep, so a
// notes page opens again without a network and shows the notes this browser kept (IndexedDB).
// Pages are kept only on request (public events, or a private one the person chose to keep) and
// are deleted, with every cache, on sign-out (components/notes/device-copies.ts).
// Hand-written on purpose (docs/adr/0003-notes-editor.md): Next 16 builds with Turbopack.
// v2: v1 kept every notes page opened, private ones included; activating v2 deletes those.
const VERSION = 'v2';
const PAGES = `hallway-pages-${VERSION}`;
const ASSETS = `hallway-assets-${VERSION}`;
const NOTES_PAGE = /^\/e\/[^/]+\/s\/[^/]+\/?$/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (!key.endsWith(VERSION)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const hit = await caches.match(request, { ignoreVary: true });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) (await caches.open(ASSETS)).put(request, res.clone());
  return res;
}

function offlinePage() {
  return new Response(
    '<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Offline · Hallway</title>' +
      '<body style="font-family:system-ui;padding:3rem;color:#1c2430"><h1>You are offline</h1>' +
        '<p>This page was not opened on this device before. ' +
        'Notes pages you have opened once are available offline.</p></body>',
    { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } },
  );
}

async function networkFirstPage(request) {
  const url = new URL(request.url);
  const key = url.origin + url.pathname;
  try {
    const res = await fetch(request);
    // Refresh a page that is kept already; never start keeping one here (the page decides).
    if (res.ok && res.headers.get('content-type')?.includes('text/html') && NOTES_PAGE.test(url.pathname)) {
      const pages = await caches.open(PAGES);
      if (await pages.match(key)) await pages.put(key, res.clone());
    }
    return res;
  } catch {
    return (await caches.match(key, { ignoreVary: true, ignoreSearch: true })) ?? offlinePage();
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/collab')) return;
  if (url.pathname.startsWith('/_next/static/')) return event.respondWith(cacheFirst(request));
  if (request.mode === 'navigate') return event.respondWith(networkFirstPage(request));
});

// The page that registered us was loaded before we could see it: it sends its own URL and the
// static files it loaded, and we keep them. Replies on the given port when done.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'forget-offline' && typeof data.url === 'string') {
    event.waitUntil(
      (async () => {
        const url = new URL(data.url, self.location.origin);
        await (await caches.open(PAGES)).delete(url.origin + url.pathname);
        event.ports[0]?.postMessage({ type: 'forgotten' });
      })(),
    );
    return;
  }
  if (!data || data.type !== 'keep-offline' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const pages = await caches.open(PAGES);
      const assets = await caches.open(ASSETS);
      for (const raw of data.urls.slice(0, 300)) {
        try {
          const url = new URL(raw, self.location.origin);
          if (url.origin !== self.location.origin) continue;
          if (url.pathname.startsWith('/_next/static/')) {
            if (!(await assets.match(url.href))) await assets.add(url.href);
          } else if (NOTES_PAGE.test(url.pathname)) {
            const res = await fetch(url.href, { credentials: 'same-origin' });
            if (res.ok) await pages.put(url.origin + url.pathname, res);
          }
        } catch {
          // one file failing must not stop the others
        }
      }
      event.ports[0]?.postMessage({ type: 'kept' });
    })(),
  );
});
