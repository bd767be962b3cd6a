import { db } from '@/lib/db';
import { editThroughCollab } from '@/lib/collab/edit-through-collab';
import { AppError } from '@/lib/errors';
import { assertCan, loadEventAccess } from '@/lib/events/event-access';
import type { Actor } from '@/lib/policies';
import { docNameForSession } from './doc-name';
import { importModeSchema } from './import-session-notes';
import { splitEventMarkdown, titleKey, withoutSessionNumber } from './split-event-markdown';
import { writeNotesInto } from './write-notes';

export interface EventImportResult {
  created: { id: string; title: string }[];
  matched: { id: string; title: string }[];
}

/**
 * Imports a whole event's notes file (organisers): each `##` section goes to the session of that
 * title, which is created (unscheduled) when there is none, through the collaboration server.
 * Everything is checked before anything is written: a file without sections is refused.
 */
export async function importEventNotes(opts: {
  actor: Actor | null;
  slug: string;
  readMarkdown: () => Promise<string>;
  query: unknown;
}): Promise<EventImportResult> {
  const { mode } = importModeSchema.parse(opts.query);
  const access = await loadEventAccess(opts.actor, { slug: opts.slug });
  assertCan(access, 'event.update');
  const sections = splitEventMarkdown(await opts.readMarkdown());
  if (sections.length === 0)
    throw new AppError('bad_request', 'No sessions found: give each session a `## Title` heading');
  if (sections.length > 500) throw new AppError('bad_request', 'At most 500 sessions can be imported at once');
  if (sections.some((s) => !s.title)) throw new AppError('bad_request', 'A `##` heading has no title');

  const existing = await db.session.findMany({
    where: { eventId: access.event.id, status: { in: ['PROPOSED', 'SCHEDULED'] } },
    select: { id: true, title: true },
    orderBy: { createdAt: 'asc' },
  });
  const byKey = new Map<string, { id: string; title: string }>();
  for (const s of existing) {
    if (!byKey.has(titleKey(s.title))) byKey.set(titleKey(s.title), s);
    if (!byKey.has(titleKey(withoutSessionNumber(s.title)))) byKey.set(titleKey(withoutSessionNumber(s.title)), s);
  }
  const result: EventImportResult = { created: [], matched: [] };
  const targets: { id: string; notes: (typeof sections)[number]['notes'] }[] = [];
  const toCreate: { title: string; index: number }[] = [];
  sections.forEach((section, index) => {
    const found = byKey.get(titleKey(section.title)) ?? byKey.get(titleKey(withoutSessionNumber(section.title)));
    if (found) {
      result.matched.push(found);
      targets[index] = { id: found.id, notes: section.notes };
    } else toCreate.push({ title: withoutSessionNumber(section.title), index });
  });
  const made = await db.$transaction(
    toCreate.map((c) =>
      db.session.create({
        data: { eventId: access.event.id, title: c.title, status: 'PROPOSED' },
        select: { id: true, title: true },
      }),
    ),
  );
  made.forEach((s, i) => {
    result.created.push(s);
    targets[toCreate[i]!.index] = { id: s.id, notes: sections[toCreate[i]!.index]!.notes };
  });
  // One connection at a time keeps the collab server's per-user limits out of the way.
  for (const t of targets) {
    await editThroughCollab({
      docName: docNameForSession(t.id),
      userId: opts.actor!.userId,
      edit: (doc) => writeNotesInto(doc, t.notes, mode),
    });
  }
  return result;
}
