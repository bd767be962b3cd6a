import { z } from 'zod';
import { apiRoute, readBody } from '@/lib/http/api-route';
import { getAgendaFeed } from '@/lib/agenda/agenda-feed';

const input = z.object({ rotate: z.boolean().default(false) }).strict();

/** The caller's secret iCal URL of their starred sessions; `{ rotate: true }` replaces the secret. */
export const POST = apiRoute<{ slug: string }>(async ({ req, params, actor }) => {
  const { rotate } = input.parse(await readBody(req));
  return getAgendaFeed(actor, params.slug, rotate);
});
