'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { clearDeviceCopies } from '@/components/notes/device-copies';

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((p) => p[0]!.toUpperCase())
      .join('') || '?'
  );
}

/**
 * Signs out through next-auth's endpoint (a CSRF-checked POST), after wiping what this browser
 * kept of the notes. Done by hand so every page does not ship next-auth's client for one call.
 */
async function signOutEverywhere(): Promise<void> {
  await clearDeviceCopies();
  try {
    const { csrfToken } = (await (await fetch('/api/auth/csrf', { credentials: 'same-origin' })).json()) as {
      csrfToken: string;
    };
    await fetch('/api/auth/signout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, callbackUrl: '/', json: 'true' }),
    });
  } catch {
    // the server is unreachable: the local copies are gone anyway; the cookie stays until it is back
  }
}

const item =
  'block w-full rounded px-3 py-2 text-left outline-none hover:bg-stone-100 focus-visible:bg-stone-100 ' +
  'focus-visible:ring-2 focus-visible:ring-brand-600';

/** The account button and its small disclosure menu (links, then sign-out). */
export function UserMenu({ name, isGuest }: { name: string; isGuest: boolean }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => !root.current?.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-3 text-sm font-medium text-ink hover:bg-stone-100"
        aria-label={`Account menu for ${name}`}
      >
        <span
          aria-hidden
          className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 text-xs font-bold text-brand-700"
        >
          {initials(name)}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{name}</span>
        {isGuest && <span className="rounded bg-amber-50 px-1.5 text-xs text-amber-800">guest</span>}
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute right-0 z-50 mt-1.5 min-w-44 rounded-lg bg-white p-1 text-sm shadow-lg ring-1 ring-stone-200"
        >
          {!isGuest && (
            <>
              <Link href="/events" className={item} onClick={() => setOpen(false)}>
                My events
              </Link>
              <Link href="/account" className={item} onClick={() => setOpen(false)}>
                Account &amp; API tokens
              </Link>
              <div className="my-1 h-px bg-stone-200" />
            </>
          )}
          <button
            type="button"
            className={item}
            onClick={() =>
              void signOutEverywhere().then(() => {
                router.replace('/');
                router.refresh();
              })
            }
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
