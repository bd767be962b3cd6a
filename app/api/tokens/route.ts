import { apiRoute, created, readBody } from '@/lib/http/api-route';
import { createApiToken, listApiTokens } from '@/lib/tokens/api-tokens';

export const GET = apiRoute(async ({ actor }) => ({ tokens: await listApiTokens(actor) }));
export const POST = apiRoute(async ({ req, actor }) => created(await createApiToken(actor, await readBody(req))));
