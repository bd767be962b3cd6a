import { apiRoute } from '@/lib/http/api-route';
import { loadPublicSchedule } from '@/lib/schedule/public-schedule';
import { icalResponse, scheduleToIcal } from '@/lib/schedule/schedule-ical';

export const GET = apiRoute<{ slug: string }>(async ({ params, actor }) =>
  icalResponse(scheduleToIcal(await loadPublicSchedule(actor, params.slug)), `${params.slug}.ics`),
);
