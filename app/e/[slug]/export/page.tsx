import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApprovalRequirement } from '@/components/export/approval-requirement';
import { EventImportForm } from '@/components/export/event-import-form';
import { GistPublisher } from '@/components/export/gist-publisher';
import { MarkdownExportPanel, type ExportSessionOption } from '@/components/export/markdown-export-panel';
import { PageShell } from '@/components/site-header';
import { Badge, Card, PageTitle } from '@/components/ui/card';
import { getPageUser } from '@/lib/auth/page-user';
import { AppError } from '@/lib/errors';
import { allows, loadEventAccess } from '@/lib/events/event-access';
import { notesApprovals } from '@/lib/export/notes-approval';
import { gistPageState } from '@/lib/github/gist-page-state';
import { MAX_EVENT_IMPORT_BYTES } from '@/lib/notes/import-limits';
import { listSessions } from '@/lib/sessions/sessions';
import { formatDay } from '@/lib/time';

export const metadata: Metadata = { title: 'Export notes' };
export const dynamic = 'force-dynamic';

export default async function EventExportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await getPageUser();
  const access = await loadEventAccess(user, { slug }).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  if (!allows(access, 'notes.read')) notFound();
  const organiser = allows(access, 'event.update');
  const required = access.settings.requireNotesApproval;
  const [all, gist, approvals] = await Promise.all([
    listSessions(user, slug),
    gistPageState(user, access.event.id, 'event'),
    notesApprovals(access.event.id),
  ]);
  const sessions = all.filter((s) => s.status === 'SCHEDULED' || s.status === 'PROPOSED');
  // With consent required, sessions nobody approved are not offered: the export would leave them out.
  const options: ExportSessionOption[] = sessions
    .filter((s) => !required || approvals.has(s.id))
    .map((s) => ({
      id: s.id,
      title: s.title,
      when: s.slot
        ? `${formatDay(s.slot.day)}, ${s.slot.start}–${s.slot.end}${s.room ? ` · ${s.room.name}` : ''}`
        : 'Not scheduled (included when it has notes)',
    }));

  return (
    <PageShell>
      <PageTitle
        title="Export and publish notes"
        subtitle={
          <Link href={`/e/${slug}`} className="hover:underline">
            ← {access.event.title}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card aria-labelledby="markdown-title">
          <h2 id="markdown-title" className="text-lg font-semibold text-ink">
            Markdown
          </h2>
          <p className="mb-5 mt-1 text-sm text-stone-600">
            Every session&rsquo;s notes in one file, in schedule order: a heading per session with its time, room and
            hosts, then its notes as nested bullets.
          </p>
          <MarkdownExportPanel endpoint={`/api/events/${slug}/notes.md`} sessions={options} idPrefix="event-export" />
        </Card>
        {gist.available && (
          <Card aria-labelledby="gist-title">
            <h2 id="gist-title" className="text-lg font-semibold text-ink">
              Publish as a GitHub gist
            </h2>
            <p className="mb-5 mt-1 text-sm text-stone-600">
              The gist lives in your GitHub account. Publishing again updates the same gist, so its revisions show what
              changed.
            </p>
            <GistPublisher
              endpoint={`/api/events/${slug}/gist`}
              returnTo={`/e/${slug}/export`}
              connected={gist.connected}
              existing={gist.existing}
              isEvent
            />
          </Card>
        )}
        {(required || organiser) && (
          <Card aria-labelledby="approval-title">
            <h2 id="approval-title" className="text-lg font-semibold text-ink">
              Hosts&rsquo; approval
            </h2>
            <p className="mb-4 mt-1 text-sm text-stone-600">
              {required
                ? 'Only notes a host has approved go into the export and the gist. Hosts approve on their session’s notes page.'
                : 'Notes go into the export as they are. Organisers can ask hosts to approve their session’s notes first.'}
            </p>
            {organiser && <ApprovalRequirement slug={slug} required={required} />}
            {required && (
              <ul className="mt-4 divide-y divide-stone-100 text-sm" data-testid="approvals">
                {sessions.map((s) => {
                  const a = approvals.get(s.id);
                  return (
                    <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <Link href={`/e/${slug}/s/${s.id}`} className="font-medium text-ink hover:underline">
                        {s.title}
                      </Link>
                      {a ? (
                        <Badge tone="brand">Approved{a.approvedBy ? ` by ${a.approvedBy.name}` : ''}</Badge>
                      ) : (
                        <Badge tone="amber">Awaiting approval</Badge>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        )}
        {organiser && (
          <Card aria-labelledby="import-title">
            <h2 id="import-title" className="text-lg font-semibold text-ink">
              Import notes
            </h2>
            <p className="mb-5 mt-1 text-sm text-stone-600">
              Bring in last year&rsquo;s gist or an Etherpad dump. Each session&rsquo;s notes are replaced by the
              file&rsquo;s section, live for anyone who has them open.
            </p>
            <EventImportForm slug={slug} maxKb={MAX_EVENT_IMPORT_BYTES / 1024} />
          </Card>
        )}
      </div>
    </PageShell>
  );
}
