import Link from 'next/link';
import { getPageUser } from '@/lib/auth/page-user';
import { UserMenu } from './user-menu';

export function Logo({ prefetch }: { prefetch?: false }) {
  return (
    <Link href="/" prefetch={prefetch} className="flex items-center gap-2 font-bold tracking-tight text-ink">
      <svg aria-hidden viewBox="0 0 32 32" className="h-7 w-7">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path d="M9 8v16M23 8v16M9 16h14" stroke="white" strokeWidth="3" strokeLinecap="round" />
      </svg>
      <span className="text-lg">Hallway</span>
    </Link>
  );
}

/**
 * The header on every page: brand, main navigation and the account menu. `prefetch={false}` leaves
 * its links unprefetched: the notes page keeps the server free for its own start (the WebSocket sync).
 */
export async function SiteHeader({ prefetch }: { prefetch?: false } = {}) {
  const user = await getPageUser();
  return (
    <header className="border-b border-stone-200 bg-white/90 backdrop-blur">
      <nav aria-label="Main" className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <div className="flex items-center gap-6">
          <Logo prefetch={prefetch} />
          {user && !user.isGuest && (
            <Link href="/events" prefetch={prefetch} className="text-sm font-medium text-stone-600 hover:text-ink">
              My events
            </Link>
          )}
        </div>
        {user ? (
          <UserMenu name={user.name} isGuest={user.isGuest} />
        ) : (
          <div className="flex items-center gap-2">
            <Link
              href="/signin"
              className="rounded-md px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100"
            >
              Sign in
            </Link>
            <Link
              href="/signup"
              className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
            >
              Sign up
            </Link>
          </div>
        )}
      </nav>
    </header>
  );
}

export function PageShell({ children, wide = false }: { children: React.ReactNode; wide?: boolean }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className={`mx-auto px-4 py-10 sm:px-6 ${wide ? 'max-w-6xl' : 'max-w-4xl'}`}>
        {children}
      </main>
    </>
  );
}
