export type Role = 'ORGANISER' | 'ATTENDEE';
export type Visibility = 'PUBLIC' | 'UNLISTED' | 'PRIVATE';

/** Who is asking: a signed-in user (maybe a guest bound to one event) or nobody. */
export interface Actor {
  userId: string;
  isGuest: boolean;
  guestEventId: string | null;
}

/** What policies need to know about an event and the actor's place in it. */
export interface EventPolicyContext {
  visibility: Visibility;
  /** The actor's membership role in this event, or null. */
  role: Role | null;
}

export interface SessionPolicyContext {
  proposerId: string | null;
  hostIds: readonly string[];
}
