import { z } from 'zod';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { canManageApiTokens, type Actor } from '@/lib/policies';
import { generateApiToken } from '@/lib/auth/api-tokens';

export const createTokenInput = z.object({ name: z.string().trim().min(1).max(60).default('API token') }).strict();

export interface ApiTokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

function assertMayManage(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  if (!canManageApiTokens(actor)) throw new AppError('forbidden', 'Guest accounts cannot create API tokens');
  return actor;
}

/** Creates a personal API token; the plain token is returned once and never stored. */
export async function createApiToken(actor: Actor | null, input: unknown): Promise<ApiTokenDto & { token: string }> {
  const a = assertMayManage(actor);
  const { name } = createTokenInput.parse(input);
  const t = generateApiToken();
  const row = await db.apiToken.create({ data: { userId: a.userId, name, tokenHash: t.hash, prefix: t.prefix } });
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: null,
    token: t.token,
  };
}

export async function listApiTokens(actor: Actor | null): Promise<ApiTokenDto[]> {
  const a = assertMayManage(actor);
  const rows = await db.apiToken.findMany({ where: { userId: a.userId }, orderBy: { createdAt: 'desc' } });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function deleteApiToken(actor: Actor | null, id: string): Promise<void> {
  const a = assertMayManage(actor);
  const res = await db.apiToken.deleteMany({ where: { id, userId: a.userId } });
  if (res.count === 0) throw new AppError('not_found', 'Token not found');
}
