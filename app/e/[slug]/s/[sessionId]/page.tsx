import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { SessionPitch } from '@/components/board/session-pitch';
import { SessionHarvest } from '@/components/export/session-harvest';
import { NotesEditorClient } from '@/components/notes/notes-editor-client';
import { OfflineSupport } from '@/components/notes/offline-support';
import { SiteHeader } from '@/components/site-header';
import { Badge } from '@/components/ui/card';
import { getPageUser } from '@/lib/auth/page-user';
import { collabBaseUrl, signCollabGrant } from '@/lib/collab/issue-collab-token';
import { AppError } from '@/lib/errors';
import { sessionHarvestState } from '@/lib/export/session-harvest-state';
import { docNameForSession } from '@/lib/notes/doc-name';
import { loadSessionAccess } from '@/lib/sessions/session-access';
import { getSession } from '@/lib/sessions/sessions';
import { formatDay } from '@/lib/time';
import { eventBoardPath, eventPath, sessionPath } from '@/lib/paths';

export const dynamic = 'force-dynamic';

type Params = Promise<{ slug: string; sessionId: string }>;

async function load(sessionId: string) {
  const user = await getPageUser();
  try {
    const [session, access] = await Promise.all([getSession(user, sessionId), loadSessionAccess(user, sessionId)]);
    if (!access.canReadNotes) notFound();
    return { user, session, access };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { sessionId } = await params;
  const user = await getPageUser();
  const session = await getSession(user, sessionId).catch(() => null);
  return { title: session ? `${session.title} · notes` : 'Notes' };
}

function zoneLabel(timeZone: string, at: string): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

const STATUS = { PROPOSED: 'Proposed', SCHEDULED: 'Scheduled', WITHDRAWN: 'Withdrawn', MERGED: 'Merged' } as const;

export default async function SessionNotesPage({ params }: { params: Params }) {
  const { slug, sessionId } = await params;
  const { user, session, access } = await load(sessionId);
  if (session.eventSlug !== slug) redirect(sessionPath(session.eventSlug, session.id));
  const { slot, room } = session;
  const harvest = await sessionHarvestState(access);
  // A signed-in viewer's editor gets its collab token with the page (access was checked in load()):
  // one request fewer before the notes are editable. Anonymous readers still ask for theirs, so
  // the per-address limit on anonymous tokens counts editors opened, not pages fetched.
  const collabGrant = user
    ? signCollabGrant({
        userId: user.userId,
        sessionId: session.id,
        readOnly: !access.canEditNotes,
        baseUrl: collabBaseUrl(undefined, await headers()),
      })
    : null;

  return (
    <>
      {/* No prefetching of the header's and breadcrumb's pages: the same server process would render
          them while this page's editor syncs over its WebSocket. */}
      <SiteHeader prefetch={false} />
      <main id="main" className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
        <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
          <Link href={eventPath(session.eventSlug)} prefetch={false} className="hover:text-ink hover:underline">
            {session.eventTitle}
          </Link>
          <span aria-hidden className="mx-1.5">
            /
          </span>
          <Link href={eventBoardPath(session.eventSlug)} prefetch={false} className="hover:text-ink hover:underline">
            Board
          </Link>
        </nav>
        <header className="mt-2 mb-6">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={session.status === 'SCHEDULED' ? 'brand' : 'stone'}>{STATUS[session.status]}</Badge>
            {session.format && session.format !== 'discussion' && <Badge>{session.format}</Badge>}
          </div>
          <h1 className="mt-2 text-3xl font-bold tracking-tight text-ink" data-testid="session-title">
            {session.title}
          </h1>
          <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm text-stone-600">
            <div className="flex items-center gap-1.5">
              <dt className="sr-only">Time</dt>
              <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-stone-400">
                <path d="M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 2a6 6 0 1 0 0 12 6 6 0 0 0 0-12Zm1 2v3.6l2.4 1.4-1 1.7L9 10.8V6h2Z" />
              </svg>
              <dd data-testid="session-time">
                {slot ? (
                  <>
                    {formatDay(slot.day)}, {slot.start}–{slot.end}{' '}
                    <span className="text-stone-500">({zoneLabel(session.timezone, slot.startsAt)})</span>
                  </>
                ) : (
                  'Not scheduled yet'
                )}
              </dd>
            </div>
            <div className="flex items-center gap-1.5">
              <dt className="sr-only">Room</dt>
              <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-stone-400">
                <path d="M10 2a6 6 0 0 1 6 6c0 4.2-6 10-6 10S4 12.2 4 8a6 6 0 0 1 6-6Zm0 3.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5Z" />
              </svg>
              <dd data-testid="session-room">{room?.name ?? 'No room yet'}</dd>
            </div>
            <div className="flex items-center gap-1.5">
              <dt className="sr-only">Hosts</dt>
              <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-stone-400">
                <path d="M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8c0-3.3 3.1-6 7-6s7 2.7 7 6H3Z" />
              </svg>
              <dd data-testid="session-hosts">
                {session.hosts.length > 0
                  ? `Hosted by ${session.hosts.map((h) => h.name).join(', ')}`
                  : session.proposer
                    ? `Proposed by ${session.proposer.name}`
                    : 'No host yet'}
              </dd>
            </div>
          </dl>
          <SessionPitch markdown={session.description} className="mt-4 max-w-3xl text-base" />
          {session.mergedIntoId && (
            <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Merged into{' '}
              <Link className="font-semibold underline" href={sessionPath(session.eventSlug, session.mergedIntoId)}>
                another session
              </Link>
              ; its notes continue there.
            </p>
          )}
        </header>

        <SessionHarvest
          sessionId={session.id}
          path={sessionPath(session.eventSlug, session.id)}
          canEdit={access.canEditNotes}
          {...harvest}
        />
        <NotesEditorClient
          sessionId={session.id}
          docName={docNameForSession(session.id)}
          viewer={user ? { id: user.userId, name: user.name } : null}
          canEdit={access.canEditNotes}
          canRestore={access.canRestoreNotes}
          slotEndsAt={slot?.endsAt ?? null}
          initialGrant={collabGrant}
        />
        <OfflineSupport
          sessionId={session.id}
          userId={user?.userId ?? null}
          needsConsent={access.access.event.visibility !== 'PUBLIC'}
        />
      </main>
    </>
  );
}
