import { z } from 'zod';

const ID = /^[a-z0-9]{10,40}$/;

/** Query of the notes.md endpoints: ?format=gist|jekyll&attribution=none&sessions=id,id */
export const exportQuerySchema = z
  .object({
    format: z.enum(['gist', 'jekyll']).default('gist'),
    attribution: z.enum(['full', 'none']).default('full'),
    sessions: z
      .string()
      .max(4000)
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .refine(
        (ids) => ids.length > 0 && ids.every((id) => ID.test(id)),
        'sessions: a comma-separated list of session ids',
      )
      .optional(),
    download: z.enum(['0', '1']).optional(),
  })
  .strict();
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** The query parameters of a request URL as a plain object (repeated keys: the last one). */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}
