import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PresenceBadge } from '@/components/events/presence-badge';
import { PageShell } from '@/components/site-header';
import { Card, PageTitle } from '@/components/ui/card';
import { getPageUser } from '@/lib/auth/page-user';
import { AppError } from '@/lib/errors';
import { loadEventAccess } from '@/lib/events/event-access';
import { presenceForSessions } from '@/lib/notes/session-presence';
import { loadScheduleGrid } from '@/lib/schedule/schedule-grid';
import { formatDay } from '@/lib/time';

export const metadata: Metadata = { title: 'Board' };
export const dynamic = 'force-dynamic';

export default async function BoardPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await getPageUser();
  const access = await loadEventAccess(user, { slug }).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const grid = await loadScheduleGrid(user, slug);
  const placed = grid.days.flatMap((d) => d.slots.flatMap((r) => r.cells)).filter((c) => c !== null);
  const presence = await presenceForSessions(placed.map((c) => c.id));
  return (
    <PageShell wide>
      <PageTitle title="Schedule board" subtitle={<Link href={`/e/${slug}`} className="hover:underline">← {access.event.title}</Link>} />
      {grid.days.length === 0 || grid.rooms.length === 0 ? (
        <Card><p className="text-stone-600">The organisers have not set up rooms and time slots yet.</p></Card>
      ) : (
        <div className="space-y-10">
          {grid.days.map((d) => (
            <section key={d.day} aria-label={formatDay(d.day)}>
              <h2 className="mb-3 text-lg font-semibold text-ink">{formatDay(d.day)}</h2>
              <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200">
                <table className="w-full min-w-[40rem] table-fixed text-sm">
                  <thead className="bg-stone-50 text-left text-xs uppercase tracking-wide text-stone-500">
                    <tr>
                      <th scope="col" className="w-28 px-3 py-2 font-medium">Time</th>
                      {grid.rooms.map((r) => <th key={r.id} scope="col" className="px-3 py-2 font-medium">{r.name}{r.capacity ? <span className="ml-1 normal-case text-stone-600">({r.capacity})</span> : null}</th>)}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-stone-100">
                    {d.slots.map(({ slot, cells }) => (
                      <tr key={slot.id} className={slot.kind === 'SESSION' ? '' : 'bg-stone-50/60'}>
                        <th scope="row" className="px-3 py-3 text-left align-top font-mono text-xs font-normal text-stone-600">{slot.start}–{slot.end}</th>
                        {slot.kind !== 'SESSION' && slot.label ? (
                          <td colSpan={grid.rooms.length} className="px-3 py-3 text-center text-stone-600">{slot.label}</td>
                        ) : (
                          cells.map((s, i) => (
                            <td key={grid.rooms[i]!.id} className="px-2 py-2 align-top">
                              {s && (
                                <Link href={`/e/${slug}/s/${s.id}`} className="block space-y-1 rounded-md bg-brand-50 px-2.5 py-2 font-medium text-brand-700 ring-1 ring-brand-100 hover:ring-brand-500">
                                  <span className="block">{s.title}</span>
                                  <PresenceBadge presence={presence.get(s.id)} />
                                </Link>
                              )}
                            </td>
                          ))
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </div>
      )}
    </PageShell>
  );
}
