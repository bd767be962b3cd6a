'use client';

import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { clearDeviceCopies } from '@/components/notes/device-copies';

function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((p) => p[0]!.toUpperCase()).join('') || '?';
}

export function UserMenu({ name, isGuest }: { name: string; isGuest: boolean }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="flex items-center gap-2 rounded-full py-1 pl-1 pr-3 text-sm font-medium text-ink hover:bg-stone-100" aria-label={`Account menu for ${name}`}>
        <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-100 text-xs font-bold text-brand-700">{initials(name)}</span>
        <span className="hidden max-w-40 truncate sm:inline">{name}</span>
        {isGuest && <span className="rounded bg-amber-50 px-1.5 text-xs text-amber-800">guest</span>}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-44 rounded-lg bg-white p-1 text-sm shadow-lg ring-1 ring-stone-200">
          {!isGuest && (
            <>
              <DropdownMenu.Item asChild>
                <Link href="/events" className="block rounded px-3 py-2 outline-none data-[highlighted]:bg-stone-100">My events</Link>
              </DropdownMenu.Item>
              <DropdownMenu.Item asChild>
                <Link href="/account" className="block rounded px-3 py-2 outline-none data-[highlighted]:bg-stone-100">Account &amp; API tokens</Link>
              </DropdownMenu.Item>
              <DropdownMenu.Separator className="my-1 h-px bg-stone-200" />
            </>
          )}
          <DropdownMenu.Item onSelect={() => void clearDeviceCopies().then(() => signOut({ callbackUrl: '/' }))} className="cursor-pointer rounded px-3 py-2 outline-none data-[highlighted]:bg-stone-100">
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
