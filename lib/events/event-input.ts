import { z } from 'zod';
import { dateOnlySchema, timeZoneSchema } from '@/lib/time';
import { eventSettingsSchema } from './event-settings';

export const RESERVED_SLUGS = new Set([
  'new',
  'api',
  'admin',
  'settings',
  'join',
  'signin',
  'signup',
  'account',
  'events',
]);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Use at least 3 characters')
  .max(60, 'Use at most 60 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens')
  .refine((s) => !RESERVED_SLUGS.has(s), 'That address is reserved');

export const visibilitySchema = z.enum(['PUBLIC', 'UNLISTED', 'PRIVATE']);

const base = {
  title: z.string().trim().min(1, 'Give the event a title').max(120),
  description: z.string().max(5000),
  timezone: timeZoneSchema,
  startDate: dateOnlySchema,
  endDate: dateOnlySchema,
  visibility: visibilitySchema,
};

export const createEventInput = z
  .object({
    ...base,
    slug: slugSchema.optional(),
    description: base.description.default(''),
    visibility: base.visibility.default('UNLISTED'),
    settings: eventSettingsSchema.partial().optional(),
  })
  .strict()
  .refine((v) => !(v.startDate instanceof Date && v.endDate instanceof Date) || v.endDate >= v.startDate, {
    message: 'The event cannot end before it starts',
    path: ['endDate'],
  });
export type CreateEventInput = z.input<typeof createEventInput>;

export const updateEventInput = z
  .object({ ...base, settings: eventSettingsSchema.partial() })
  .partial()
  .strict()
  .refine((v) => !(v.startDate instanceof Date && v.endDate instanceof Date) || v.endDate >= v.startDate, {
    message: 'The event cannot end before it starts',
    path: ['endDate'],
  });
export type UpdateEventInput = z.input<typeof updateEventInput>;

/** A URL-friendly slug from a title: "Harbour Unconf 2026" → "harbour-unconf-2026". */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/g, '');
  return s.length >= 3 ? s : `event-${s || 'new'}`.slice(0, 50);
}
