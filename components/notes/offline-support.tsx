'use client';

import { useEffect, useState } from 'react';

/**
 * Registers the service worker (public/sw.js) and asks it to keep this notes page and the files
 * it loaded, so the page opens again offline. Renders a hidden marker tests can wait for.
 */
export function OfflineSupport() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    let cancelled = false;
    void (async () => {
      try {
        await navigator.serviceWorker.register('/sw.js', { scope: '/' });
        const reg = await navigator.serviceWorker.ready;
        // Let the client-only editor chunk load first so it is among the files kept.
        if (document.readyState !== 'complete') await new Promise((r) => window.addEventListener('load', r, { once: true }));
        await new Promise((r) => setTimeout(r, 1000));
        if (cancelled) return;
        const assets = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((u) => u.startsWith(`${location.origin}/_next/static/`));
        const channel = new MessageChannel();
        channel.port1.onmessage = () => !cancelled && setReady(true);
        reg.active?.postMessage({ type: 'keep-offline', urls: [location.href, ...assets] }, [channel.port2]);
      } catch {
        // no offline copy this time; the notes themselves are still kept in IndexedDB
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);
  return <span hidden data-testid="offline-ready" data-ready={ready ? 'true' : 'false'} />;
}
