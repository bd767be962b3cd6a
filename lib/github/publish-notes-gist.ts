import { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { assertCan, loadEventAccess } from '@/lib/events/event-access';
import { exportEventMarkdown } from '@/lib/export/export-event-markdown';
import { exportSessionMarkdown } from '@/lib/export/export-session-markdown';
import { createSlugger } from '@/lib/export/markdown-document';
import { logger } from '@/lib/logger';
import type { Actor } from '@/lib/policies';
import { loadSessionAccess } from '@/lib/sessions/session-access';
import { githubError } from './gist-errors';
import { githubApiUrl } from './github-urls';
import { readGithubToken } from './github-token';

export const publishGistInput = z
  .object({
    public: z.boolean().default(false),
    /** Event only: one file per session plus a README.md index, or everything in one file. */
    layout: z.enum(['files', 'single']).default('files'),
    attribution: z.enum(['full', 'none']).default('full'),
  })
  .strict();

export interface GistPublicationDto {
  gistId: string;
  url: string;
  public: boolean;
  updatedAt: string;
  /** true when this publish created the gist, false when it updated it. */
  created?: boolean;
}

type Target = { kind: 'event'; slug: string } | { kind: 'session'; sessionId: string };

function octokitFor(token: string): Octokit {
  return new Octokit({
    auth: token,
    baseUrl: githubApiUrl(),
    userAgent: 'Hallway',
    request: { retries: 0 },
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
}

async function resolveTarget(actor: Actor | null, target: Target) {
  if (target.kind === 'event') {
    const access = await loadEventAccess(actor, { slug: target.slug });
    assertCan(access, 'notes.read');
    return { event: access.event, scope: 'event' as const };
  }
  const access = await loadSessionAccess(actor, target.sessionId);
  if (!access.canReadNotes) throw new AppError('not_found', 'Session not found');
  return { event: access.access.event, scope: target.sessionId, title: access.session.title };
}

/** The files of the gist: event as one file per session plus README.md, or a single file. */
async function gistFiles(
  actor: Actor,
  target: Target,
  input: z.infer<typeof publishGistInput>,
): Promise<{ description: string; files: Record<string, string> }> {
  const query = { attribution: input.attribution };
  if (target.kind === 'session') {
    const out = await exportSessionMarkdown({ actor, sessionId: target.sessionId, query, publish: true });
    return { description: out.sessions[0]!.title, files: { [out.filename]: out.markdown } };
  }
  const whole = await exportEventMarkdown({ actor, slug: target.slug, query, sessionFiles: input.layout === 'files' });
  const title = whole.markdown.split('\n', 1)[0]!.replace(/^# /, '');
  if (input.layout === 'single' || whole.sessions.length === 0)
    return { description: title, files: { [whole.filename]: whole.markdown } };
  const files: Record<string, string> = {};
  const slug = createSlugger();
  const width = String(whole.sessions.length).length;
  const index = [`# ${title}`, ''];
  whole.sessions.forEach((s, i) => {
    const name = `${String(i + 1).padStart(Math.max(2, width), '0')}-${slug(s.title).slice(0, 60)}.md`;
    files[name] = whole.sessionFiles![i]!;
    // Gist pages anchor each file as #file-<name with dots as dashes>.
    index.push(
      `${i + 1}. [${s.title.replace(/([[\]\\])/g, '\\$1')}](#file-${name.replace(/[^a-z0-9-]/gi, '-').toLowerCase()})`,
    );
  });
  files['README.md'] = index.join('\n') + '\n';
  return { description: title, files };
}

/**
 * Publishes notes as a GitHub gist under the person's own account (public or secret); publishing
 * again updates the same gist, so its revisions show what changed. Nothing is remembered unless
 * GitHub accepted the gist, and a created gist that cannot be remembered is deleted again.
 */
export async function publishNotesGist(opts: {
  actor: Actor | null;
  target: Target;
  input: unknown;
}): Promise<GistPublicationDto> {
  // The target first: a private event's notes are "not found" to outsiders, signed in or not.
  const { event, scope } = await resolveTarget(opts.actor, opts.target);
  if (!opts.actor) throw new AppError('unauthenticated', 'Sign in first');
  const actor = opts.actor;
  const input = publishGistInput.parse(opts.input);
  const grant = await readGithubToken(actor.userId);
  if (!grant || !grant.scopes.includes('gist'))
    throw new AppError('conflict', 'Connect your GitHub account (with permission to create gists) first.', 'github');
  const { description, files } = await gistFiles(actor, opts.target, input);
  const octokit = octokitFor(grant.token);
  const key = { eventId_scope_userId: { eventId: event.id, scope, userId: actor.userId } };
  const known = await db.gistPublication.findUnique({ where: key });

  if (known) {
    const previous = JSON.parse(known.files) as string[];
    // PATCH semantics: files not sent stay, so files no longer written are deleted explicitly.
    const patch: Record<string, { content: string } | null> = Object.fromEntries(
      Object.entries(files).map(([name, content]) => [name, { content }]),
    );
    for (const name of previous) if (!(name in files)) patch[name] = null;
    try {
      await octokit.rest.gists.update({
        gist_id: known.gistId,
        description,
        files: patch as Record<string, { content: string }>,
      });
    } catch (err) {
      const failure = githubError(err, { updating: true });
      // The gist is gone on GitHub: forget it, so the next publish starts a new one.
      if (failure.code === 'not_found')
        await db.gistPublication.delete({ where: { id: known.id } }).catch(() => undefined);
      throw failure;
    }
    const row = await db.gistPublication.update({
      where: { id: known.id },
      data: { files: JSON.stringify(Object.keys(files)) },
    });
    return {
      gistId: row.gistId,
      url: row.htmlUrl,
      public: row.public,
      updatedAt: row.updatedAt.toISOString(),
      created: false,
    };
  }

  let gist: { id?: string; html_url?: string };
  try {
    gist = (
      await octokit.rest.gists.create({
        description,
        public: input.public,
        files: Object.fromEntries(Object.entries(files).map(([n, content]) => [n, { content }])),
      })
    ).data;
  } catch (err) {
    throw githubError(err, { updating: false });
  }
  if (!gist.id || !gist.html_url) throw new AppError('internal', 'GitHub answered without a gist id');
  try {
    const row = await db.gistPublication.create({
      data: {
        eventId: event.id,
        scope,
        userId: actor.userId,
        gistId: gist.id,
        htmlUrl: gist.html_url,
        public: input.public,
        files: JSON.stringify(Object.keys(files)),
      },
    });
    return {
      gistId: row.gistId,
      url: row.htmlUrl,
      public: row.public,
      updatedAt: row.updatedAt.toISOString(),
      created: true,
    };
  } catch (err) {
    // Not remembered means a second publish would make a duplicate: take the new gist back.
    await octokit.rest.gists
      .delete({ gist_id: gist.id })
      .catch((e: unknown) => logger.warn({ err: e, gistId: gist.id }, 'could not delete an unremembered gist'));
    throw err;
  }
}

/** The gist this person published for the event or session, if any (for the page to link). */
export async function findGistPublication(opts: {
  actor: Actor | null;
  eventId: string;
  scope: string;
}): Promise<GistPublicationDto | null> {
  if (!opts.actor) return null;
  const row = await db.gistPublication.findUnique({
    where: { eventId_scope_userId: { eventId: opts.eventId, scope: opts.scope, userId: opts.actor.userId } },
  });
  return row && { gistId: row.gistId, url: row.htmlUrl, public: row.public, updatedAt: row.updatedAt.toISOString() };
}
