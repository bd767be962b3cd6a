import { apiRoute } from '@/lib/http/api-route';
import { starSession } from '@/lib/sessions/star-session';

type P = { id: string };

export const PUT = apiRoute<P>(async ({ params, actor }) => starSession(actor, params.id, true));
export const DELETE = apiRoute<P>(async ({ params, actor }) => starSession(actor, params.id, false));
