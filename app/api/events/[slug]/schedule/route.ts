import { apiRoute } from '@/lib/http/api-route';
import { loadPublicSchedule } from '@/lib/schedule/public-schedule';

export const GET = apiRoute<{ slug: string }>(async ({ params, actor }) => loadPublicSchedule(actor, params.slug));
