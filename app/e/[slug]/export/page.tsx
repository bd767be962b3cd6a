import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EventImportForm } from '@/components/export/event-import-form';
import { MarkdownExportPanel, type ExportSessionOption } from '@/components/export/markdown-export-panel';
import { PageShell } from '@/components/site-header';
import { Card, PageTitle } from '@/components/ui/card';
import { getPageUser } from '@/lib/auth/page-user';
import { AppError } from '@/lib/errors';
import { allows, loadEventAccess } from '@/lib/events/event-access';
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
  const sessions = (await listSessions(user, slug)).filter((s) => s.status === 'SCHEDULED' || s.status === 'PROPOSED');
  const options: ExportSessionOption[] = sessions.map((s) => ({
    id: s.id,
    title: s.title,
    when: s.slot ? `${formatDay(s.slot.day)}, ${s.slot.start}–${s.slot.end}${s.room ? ` · ${s.room.name}` : ''}` : 'Not scheduled (included when it has notes)',
  }));

  return (
    <PageShell>
      <PageTitle title="Export and publish notes" subtitle={<Link href={`/e/${slug}`} className="hover:underline">← {access.event.title}</Link>} />
      <div className="space-y-6">
        <Card aria-labelledby="markdown-title">
          <h2 id="markdown-title" className="text-lg font-semibold text-ink">Markdown</h2>
          <p className="mb-5 mt-1 text-sm text-stone-600">
            Every session&rsquo;s notes in one file, in schedule order: a heading per session with its time, room and hosts, then its notes as nested bullets.
          </p>
          <MarkdownExportPanel endpoint={`/api/events/${slug}/notes.md`} sessions={options} idPrefix="event-export" />
        </Card>
        {organiser && (
          <Card aria-labelledby="import-title">
            <h2 id="import-title" className="text-lg font-semibold text-ink">Import notes</h2>
            <p className="mb-5 mt-1 text-sm text-stone-600">Bring in last year&rsquo;s gist or an Etherpad dump. Each session&rsquo;s notes are replaced by the file&rsquo;s section, live for anyone who has them open.</p>
            <EventImportForm slug={slug} maxKb={MAX_EVENT_IMPORT_BYTES / 1024} />
          </Card>
        )}
      </div>
    </PageShell>
  );
}
