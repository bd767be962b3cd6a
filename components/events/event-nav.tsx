import clsx from 'clsx';
import Link from 'next/link';

const TABS = [
  { key: 'home', label: 'Overview', path: '' },
  { key: 'board', label: 'Board', path: '/board' },
  { key: 'schedule', label: 'Schedule', path: '/schedule' },
  { key: 'agenda', label: 'My agenda', path: '/agenda' },
  { key: 'wall', label: 'Projector', path: '/wall' },
] as const;

/** Links between an event's pages; the current one is marked. */
export function EventNav({
  slug,
  current,
  signedIn,
  organiser,
}: {
  slug: string;
  current: (typeof TABS)[number]['key'] | 'settings';
  signedIn: boolean;
  organiser: boolean;
}) {
  const tabs = [
    ...TABS.filter((t) => t.key !== 'agenda' || signedIn),
    ...(organiser ? [{ key: 'settings', label: 'Settings', path: '/settings' } as const] : []),
  ];
  return (
    <nav aria-label="Event pages" className="-mx-1 mb-6 flex gap-1 overflow-x-auto pb-1">
      {tabs.map((t) => (
        <Link
          key={t.key}
          href={`/e/${slug}${t.path}`}
          aria-current={t.key === current ? 'page' : undefined}
          className={clsx(
            'whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium',
            t.key === current ? 'bg-ink text-white' : 'text-stone-600 hover:bg-stone-100 hover:text-ink',
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
