import { apiRoute, readBody } from '@/lib/http/api-route';
import { AppError } from '@/lib/errors';
import { scheduleSession } from '@/lib/schedule/schedule-session';
import { SCHEDULE_KEYS } from '@/lib/sessions/session-input';
import { getSession } from '@/lib/sessions/sessions';
import { updateSession } from '@/lib/sessions/update-session';
import { withdrawSession } from '@/lib/sessions/withdraw-session';

type P = { id: string };

export const GET = apiRoute<P>(async ({ params, actor }) => getSession(actor, params.id));

/** Either moves the session on the board (`roomId`, `slotId`, `from?`, `swap?`) or edits its details. */
export const PATCH = apiRoute<P>(async ({ req, params, actor }) => {
  const body = await readBody(req);
  const keys = body && typeof body === 'object' ? Object.keys(body) : [];
  const scheduling = keys.filter((k) => (SCHEDULE_KEYS as readonly string[]).includes(k));
  if (scheduling.length === 0) return updateSession(actor, params.id, body);
  if (scheduling.length !== keys.length)
    throw new AppError(
      'bad_request',
      'Move a session and edit its details in separate requests',
      keys.find((k) => !scheduling.includes(k)),
    );
  return scheduleSession(actor, params.id, body);
});

/** Withdraws the session (its notes stay readable). */
export const DELETE = apiRoute<P>(async ({ params, actor }) => withdrawSession(actor, params.id));
