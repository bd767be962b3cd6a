import { z } from 'zod';

export const eventSettingsSchema = z.object({
  /** Votes each attendee may spend across the event. */
  votesPerAttendee: z.number().int().min(0).max(100).default(3),
  /** Votes one attendee may put on one session. */
  maxVotesPerSession: z.number().int().min(1).max(100).default(1),
  /** Whether invite links let people join with only a display name. */
  guestsAllowed: z.boolean().default(true),
  /** Barcamp mode: attendees schedule their own sessions onto free cells. */
  barcampMode: z.boolean().default(false),
  /** Attendees see vote totals of a proposal only once it is scheduled (their own dots always). */
  hideVotesUntilScheduled: z.boolean().default(false),
  /** Freezes the board for everyone but organisers (ends barcamp self-scheduling, for example). */
  boardLocked: z.boolean().default(false),
  /** Each session's notes appear in the event export only once a host has approved them. */
  requireNotesApproval: z.boolean().default(false),
});
export type EventSettings = z.infer<typeof eventSettingsSchema>;

export const DEFAULT_SETTINGS: EventSettings = eventSettingsSchema.parse({});

/** Reads the stored JSON leniently: unknown keys dropped, missing or broken ones defaulted. */
export function parseStoredSettings(json: string): EventSettings {
  let raw: unknown = {};
  try {
    raw = JSON.parse(json);
  } catch {
    raw = {};
  }
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, field] of Object.entries(eventSettingsSchema.shape)) {
    const parsed = field.safeParse(obj[key]);
    if (parsed.success && obj[key] !== undefined) out[key] = parsed.data;
  }
  return out as EventSettings;
}
