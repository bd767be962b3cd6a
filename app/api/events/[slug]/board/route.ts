import { apiRoute } from '@/lib/http/api-route';
import { loadBoardState } from '@/lib/board/load-board';

export const GET = apiRoute<{ slug: string }>(async ({ params, actor }) => loadBoardState(actor, params.slug));
