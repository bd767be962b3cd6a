import { apiRoute, created, readBody } from '@/lib/http/api-route';
import { copySlotsToDay } from '@/lib/slots/slots';

type P = { slug: string };

export const POST = apiRoute<P>(async ({ req, params, actor }) =>
  created({ slots: await copySlotsToDay(actor, params.slug, await readBody(req)) }),
);
