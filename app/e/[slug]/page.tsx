import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { InvitePanel } from '@/components/events/invite-panel';
import { SessionPitch } from '@/components/board/session-pitch';
import { PresenceBadge } from '@/components/events/presence-badge';
import { ProposeSessionForm } from '@/components/events/propose-session-form';
import { PageShell } from '@/components/site-header';
import { ButtonLink } from '@/components/ui/button';
import { Badge, Card } from '@/components/ui/card';
import { getPageUser } from '@/lib/auth/page-user';
import { publicUrlConfigured } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { allows, loadEventAccess } from '@/lib/events/event-access';
import { listInvites } from '@/lib/invites/create-invite';
import { presenceForSessions } from '@/lib/notes/session-presence';
import { listSessions } from '@/lib/sessions/sessions';
import { formatDateRange, formatDay } from '@/lib/time';
import { eventBoardPath, eventNotesPath, eventPath, eventSettingsPath, sessionPath } from '@/lib/paths';

export const dynamic = 'force-dynamic';

async function load(slug: string) {
  const user = await getPageUser();
  try {
    return { user, access: await loadEventAccess(user, { slug }) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const user = await getPageUser();
  const access = await loadEventAccess(user, { slug }).catch(() => null);
  return { title: access?.event.title ?? 'Event' };
}

const VISIBILITY = { PUBLIC: 'Public', UNLISTED: 'Unlisted', PRIVATE: 'Private' } as const;

export default async function EventHomePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, access } = await load(slug);
  const { event } = access;
  const organiser = allows(access, 'event.update');
  const [sessions, invites] = await Promise.all([
    listSessions(user, slug),
    organiser ? listInvites(user, slug) : Promise.resolve([]),
  ]);
  const presence = await presenceForSessions(sessions.map((s) => s.id));
  const scheduled = sessions.filter((s) => s.status === 'SCHEDULED');
  const proposed = sessions.filter((s) => s.status === 'PROPOSED');

  return (
    <PageShell wide>
      <div className="mb-8 flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <Badge>{VISIBILITY[event.visibility]}</Badge>
            {access.role && (
              <Badge tone="brand">{access.role === 'ORGANISER' ? 'You organise this' : 'You’re attending'}</Badge>
            )}
          </div>
          <h1 className="mt-2 text-3xl font-bold tracking-tight text-ink">{event.title}</h1>
          <p className="mt-1 text-stone-600">
            {formatDateRange(event.startDate, event.endDate)} · {event.timezone}
          </p>
        </div>
        <nav aria-label="Event" className="flex flex-wrap gap-2">
          <ButtonLink href={eventBoardPath(slug)} variant="secondary">
            Board
          </ButtonLink>
          <ButtonLink href={`${eventPath(slug)}/schedule`} variant="secondary">
            Schedule
          </ButtonLink>
          <ButtonLink href={eventNotesPath(slug)} variant="secondary">
            Notes
          </ButtonLink>
          <ButtonLink href={`${eventPath(slug)}/export`} variant="secondary">
            Export
          </ButtonLink>
          {organiser && (
            <ButtonLink href={eventSettingsPath(slug)} variant="secondary">
              Settings
            </ButtonLink>
          )}
        </nav>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {event.description && (
            <Card>
              <h2 className="sr-only">About</h2>
              <p className="whitespace-pre-line text-stone-700">{event.description}</p>
            </Card>
          )}
          <Card id="sessions" aria-labelledby="sessions-title">
            <h2 id="sessions-title" className="text-lg font-semibold text-ink">
              Sessions and notes
            </h2>
            {sessions.length === 0 ? (
              <p className="mt-3 text-sm text-stone-500">
                No sessions yet. {access.role ? 'Propose the first one.' : ''}
              </p>
            ) : (
              <div className="mt-4 space-y-6">
                {[
                  { label: 'Scheduled', list: scheduled },
                  { label: 'Proposed', list: proposed },
                ]
                  .filter((g) => g.list.length)
                  .map((g) => (
                    <div key={g.label}>
                      <h3 className="text-xs font-semibold uppercase tracking-wide text-stone-500">{g.label}</h3>
                      <ul className="mt-2 divide-y divide-stone-100">
                        {g.list.map((s) => (
                          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                            <div>
                              <div className="flex flex-wrap items-center gap-2">
                                <Link
                                  href={sessionPath(slug, s.id)}
                                  className="font-medium text-ink hover:text-brand-700 hover:underline"
                                >
                                  {s.title}
                                </Link>
                                <PresenceBadge presence={presence.get(s.id)} />
                              </div>
                              <p className="text-xs text-stone-500">
                                {s.slot
                                  ? `${formatDay(s.slot.day)}, ${s.slot.start}–${s.slot.end}`
                                  : 'Not scheduled yet'}
                                {s.room ? ` · ${s.room.name}` : ''}
                                {s.proposer ? ` · proposed by ${s.proposer.name}` : ''}
                              </p>
                              <SessionPitch markdown={s.description} clamp className="mt-1" />
                            </div>
                            <Link
                              href={sessionPath(slug, s.id)}
                              className="text-sm font-semibold text-brand-700 hover:underline"
                            >
                              Open notes →
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
              </div>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          {allows(access, 'session.propose') && (
            <Card aria-labelledby="propose-title">
              <h2 id="propose-title" className="mb-4 text-lg font-semibold text-ink">
                Propose a session
              </h2>
              <ProposeSessionForm
                slug={slug}
                selfId={user?.userId}
                existing={proposed.map((s) => ({ id: s.id, title: s.title, path: `/e/${slug}/s/${s.id}` }))}
              />
            </Card>
          )}
          {organiser && (
            <Card aria-labelledby="invite-title">
              <h2 id="invite-title" className="mb-1 text-lg font-semibold text-ink">
                Invite people
              </h2>
              <p className="mb-4 text-sm text-stone-600">
                Share a link; people join with an account
                {access.settings.guestsAllowed ? ' or as a guest with just a name' : ''}.
              </p>
              <InvitePanel slug={slug} initial={invites} useVisitedHost={!publicUrlConfigured()} />
            </Card>
          )}
          {!user && (
            <Card>
              <h2 className="font-semibold text-ink">Taking part?</h2>
              <p className="mt-1 text-sm text-stone-600">Sign in to propose sessions, vote and write notes.</p>
              <ButtonLink href={`/signin?callbackUrl=/e/${slug}`} className="mt-4">
                Sign in
              </ButtonLink>
            </Card>
          )}
        </div>
      </div>
    </PageShell>
  );
}
