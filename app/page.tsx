import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';
import { ButtonLink } from '@/components/ui/button';
import { getPageUser } from '@/lib/auth/page-user';
import { listPublicEvents } from '@/lib/events/list-events';
import { formatDateRange } from '@/lib/time';
import { eventPath } from '@/lib/paths';

export const dynamic = 'force-dynamic';

const FEATURES = [
  {
    title: 'Proposals and dot votes',
    body: 'Attendees pitch sessions from their phones and spend a budget of votes on what they want to hear.',
  },
  {
    title: 'A live schedule board',
    body:
      'Drag sessions onto rooms and time slots, by mouse, touch or keyboard. Every board, schedule and ' +
      'projector changes as you move things.',
  },
  {
    title: 'Notes written together',
    body: 'One live outline per session, typed by the whole room at once. Nothing is lost on bad venue Wi-Fi.',
  },
  {
    title: 'One-click export',
    body: 'The whole event’s notes leave as Markdown, a blog post or a GitHub gist when the day is done.',
  },
];

export default async function Home() {
  const [user, events] = await Promise.all([getPageUser(), listPublicEvents(6)]);
  return (
    <>
      <SiteHeader />
      <main id="main">
        <section className="border-b border-stone-200 bg-gradient-to-b from-brand-50 to-transparent">
          <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
            <p className="text-sm font-semibold uppercase tracking-wider text-brand-700">
              For unconferences, barcamps and open spaces
            </p>
            <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight text-ink sm:text-5xl">
              The hallway track, with a schedule and shared notes.
            </h1>
            <p className="mt-5 max-w-2xl text-lg text-stone-600">
              Hallway collects session proposals, lets attendees vote, puts sessions on a board of rooms and time slots,
              and gives every session one live outline of notes that the whole room writes together.
            </p>
            <div className="mt-8 flex flex-wrap gap-3">
              {user && !user.isGuest ? (
                <>
                  <ButtonLink href="/events/new">Create an event</ButtonLink>
                  <ButtonLink href="/events" variant="secondary">
                    My events
                  </ButtonLink>
                </>
              ) : (
                <>
                  <ButtonLink href="/signup">Get started, it’s free</ButtonLink>
                  <ButtonLink href="/signin" variant="secondary">
                    Sign in
                  </ButtonLink>
                </>
              )}
            </div>
          </div>
        </section>
        <section aria-labelledby="features" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="features" className="sr-only">
            What Hallway does
          </h2>
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {FEATURES.map((f) => (
              <li key={f.title} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
                <h3 className="font-semibold text-ink">{f.title}</h3>
                <p className="mt-2 text-sm text-stone-600">{f.body}</p>
              </li>
            ))}
          </ul>
        </section>
        {events.length > 0 && (
          <section aria-labelledby="public-events" className="mx-auto max-w-6xl px-4 pb-20 sm:px-6">
            <h2 id="public-events" className="text-lg font-semibold text-ink">
              Public events
            </h2>
            <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {events.map((e) => (
                <li key={e.id}>
                  <Link
                    href={eventPath(e.slug)}
                    className="block rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200 hover:ring-brand-500"
                  >
                    <span className="font-semibold text-ink">{e.title}</span>
                    <span className="mt-1 block text-sm text-stone-600">
                      {formatDateRange(new Date(e.startDate), new Date(e.endDate))}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
      <footer className="border-t border-stone-200 py-8 text-center text-sm text-stone-500">
        Hallway is open source. Made for people who run events for their communities.
      </footer>
    </>
  );
}
