import { apiRoute } from '@/lib/http/api-route';
import { listMembers } from '@/lib/events/members';

export const GET = apiRoute<{ slug: string }>(async ({ params, actor }) => ({
  members: await listMembers(actor, params.slug),
}));
