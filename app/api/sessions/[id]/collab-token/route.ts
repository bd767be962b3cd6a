import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { collabBaseUrl, issueCollabToken } from '@/lib/collab/issue-collab-token';
import { clientAddressOf } from '@/lib/http/client-address';

const paramsSchema = z.object({ id: z.string().min(1).max(100) });

/** Mints the short-lived token a browser or script opens the session's notes WebSocket with. */
export const POST = apiRoute<{ id: string }>(async ({ req, params, actor }) => {
  const { id } = paramsSchema.parse(params);
  return issueCollabToken({
    actor,
    sessionId: id,
    baseUrl: collabBaseUrl(req.url, req.headers),
    clientAddress: clientAddressOf(req.headers),
  });
});
