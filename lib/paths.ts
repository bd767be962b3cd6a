// The app's page paths, in one place for pages, components, API objects and the CLI alike. No
// server imports here: client components use it too.

/** An event's home page. */
export function eventPath(slug: string): string {
  return `/e/${slug}`;
}

/** An event's schedule board. */
export function eventBoardPath(slug: string): string {
  return `${eventPath(slug)}/board`;
}

/** An event's settings (organisers). */
export function eventSettingsPath(slug: string): string {
  return `${eventPath(slug)}/settings`;
}

/** The list of an event's sessions with links to their notes, on the event's home page. */
export function eventNotesPath(slug: string): string {
  return `${eventPath(slug)}#sessions`;
}

/** A session's notes page. */
export function sessionPath(eventSlug: string, sessionId: string): string {
  return `${eventPath(eventSlug)}/s/${sessionId}`;
}
