import { apiRoute } from '@/lib/http/api-route';
import { renderAgendaFeed } from '@/lib/agenda/agenda-feed';
import { icalResponse } from '@/lib/schedule/schedule-ical';

export const GET = apiRoute<{ token: string }>(async ({ params }) =>
  icalResponse(await renderAgendaFeed(params.token), 'agenda.ics'),
);
