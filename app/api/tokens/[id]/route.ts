import { apiRoute } from '@/lib/http/api-route';
import { deleteApiToken } from '@/lib/tokens/api-tokens';

export const DELETE = apiRoute<{ id: string }>(async ({ params, actor }) => {
  await deleteApiToken(actor, params.id);
  return new Response(null, { status: 204 });
});
