import { apiRoute } from '@/lib/http/api-route';
import { previewInvite } from '@/lib/invites/redeem-invite';

export const GET = apiRoute<{ token: string }>(async ({ params }) => previewInvite(params.token));
