import { z } from 'zod';

export const SESSION_FORMATS = ['discussion', 'talk', 'workshop', 'lightning', 'other'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

const fields = {
  title: z.string().trim().min(1, 'Give the session a title').max(140),
  /** Markdown; rendered with raw HTML disabled. */
  description: z.string().max(5000),
  format: z.enum(SESSION_FORMATS, 'Pick discussion, talk, workshop, lightning or other'),
  tags: z
    .array(z.string().trim().toLowerCase().min(1).max(30))
    .max(10)
    .transform((t) => [...new Set(t)]),
  /** Members of the event who host it with the proposer. */
  hostIds: z
    .array(z.string().min(1).max(40))
    .max(10)
    .transform((t) => [...new Set(t)]),
  needsHost: z.boolean(),
};

export const proposeSessionInput = z
  .object({
    ...fields,
    description: fields.description.default(''),
    format: fields.format.default('discussion'),
    tags: fields.tags.default([]),
    hostIds: fields.hostIds.default([]),
    needsHost: fields.needsHost.default(false),
  })
  .strict();

export const updateSessionInput = z.object(fields).partial().strict();

/** Fields of PATCH /api/sessions/{id} that move a session on the board rather than edit it. */
export const SCHEDULE_KEYS = ['roomId', 'slotId', 'from', 'swap'] as const;
