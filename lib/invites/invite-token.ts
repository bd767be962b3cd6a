import crypto from 'node:crypto';
import { z } from 'zod';

export const inviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'Invalid invite token');

export function generateInviteToken(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export function invitePath(token: string): string {
  return `/join/${token}`;
}
