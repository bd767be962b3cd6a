import { apiRoute } from '@/lib/http/api-route';
import { openBoardStream } from '@/lib/board/board-stream';

export const dynamic = 'force-dynamic';

/** Server-Sent Events: a `change` event whenever the event's board, votes or schedule change. */
export const GET = apiRoute<{ slug: string }>(async ({ req, params, actor }) =>
  openBoardStream(actor, params.slug, req.signal),
);
