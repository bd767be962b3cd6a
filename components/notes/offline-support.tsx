'use client';

import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { keepOfflineKey } from './device-copies';

export interface OfflineSupportProps {
  sessionId: string;
  /** The signed-in person, or null: choices are kept per person. */
  userId: string | null;
  /** Pages of events that are not public are kept only when the person asks for it. */
  needsConsent: boolean;
}

const choiceListeners = new Set<() => void>();

function subscribeToChoices(listener: () => void): () => void {
  choiceListeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    choiceListeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

function readChoice(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function writeChoice(key: string, value: boolean): void {
  try {
    if (value) localStorage.setItem(key, '1');
    else localStorage.removeItem(key);
  } catch {
    // storage disabled: nothing is kept offline then
  }
  for (const l of choiceListeners) l();
}

function post(reg: ServiceWorkerRegistration, message: unknown): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    reg.active?.postMessage(message, [channel.port2]);
  });
}

/**
 * Registers the service worker (public/sw.js) and asks it to keep this notes page and the files
 * it loaded, so the page opens again offline: always for a public event, and for any other only
 * when the person ticks "Keep available offline on this device". Sign-out deletes what was kept.
 * Renders a hidden marker tests can wait for.
 */
export function OfflineSupport({ sessionId, userId, needsConsent }: OfflineSupportProps) {
  const [kept, setKept] = useState<'pending' | 'kept' | 'not-kept'>('pending');
  const choiceKey = keepOfflineKey(userId, sessionId);
  // null while rendering on the server: nothing is decided before the browser's choice is read.
  const chosen = useSyncExternalStore(
    subscribeToChoices,
    () => readChoice(choiceKey),
    () => null,
  );
  const keep = !needsConsent || chosen === true;
  const checkboxId = useId();

  useEffect(() => {
    if (!('serviceWorker' in navigator) || !window.isSecureContext || chosen === null) return;
    let cancelled = false;
    void (async () => {
      try {
        await navigator.serviceWorker.register('/sw.js', { scope: '/' });
        const reg = await navigator.serviceWorker.ready;
        if (!keep) {
          await post(reg, { type: 'forget-offline', url: location.href });
          if (!cancelled) setKept('not-kept');
          return;
        }
        // Let the client-only editor chunk load first so it is among the files kept.
        if (document.readyState !== 'complete')
          await new Promise((r) => window.addEventListener('load', r, { once: true }));
        await new Promise((r) => setTimeout(r, 1000));
        if (cancelled) return;
        const assets = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((u) => u.startsWith(`${location.origin}/_next/static/`));
        await post(reg, { type: 'keep-offline', urls: [location.href, ...assets] });
        if (!cancelled) setKept('kept');
      } catch {
        // no offline copy this time; the notes themselves are still kept in IndexedDB
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [keep, chosen]);

  return (
    <>
      {needsConsent && (
        <div className="mt-3 flex items-start gap-2 text-sm text-stone-600">
          <input
            id={checkboxId}
            type="checkbox"
            className="mt-0.5 h-4 w-4 accent-brand-600"
            checked={chosen === true}
            onChange={(e) => writeChoice(choiceKey, e.target.checked)}
            data-testid="keep-offline"
          />
          <label htmlFor={checkboxId}>
            Keep available offline on this device
            <span className="block text-xs text-stone-500">
              Anyone using this browser can open this page until you sign out.
            </span>
          </label>
        </div>
      )}
      <span hidden data-testid="offline-ready" data-ready={kept === 'kept' ? 'true' : 'false'} data-state={kept} />
    </>
  );
}
