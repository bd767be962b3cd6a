import { apiRoute } from '@/lib/http/api-route';
import { getSession } from '@/lib/sessions/sessions';

export const GET = apiRoute<{ id: string }>(async ({ params, actor }) => getSession(actor, params.id));
