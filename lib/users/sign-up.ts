import { z } from 'zod';
import { db } from '@/lib/db';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@/lib/auth/password';
import { limitSignUp } from '@/lib/auth/auth-rate-limit';

export const signUpInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address').max(254),
  name: z.string().trim().min(1, 'Enter your name').max(80),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
});
export type SignUpInput = z.infer<typeof signUpInput>;

/** Creates the account, or returns null when the email is taken (after the same hashing work). */
async function createPasswordAccount(data: SignUpInput): Promise<{ id: string; name: string; email: string } | null> {
  const passwordHash = await hashPassword(data.password);
  try {
    const user = await db.user.create({
      data: { email: data.email, name: data.name, passwordHash },
      select: { id: true, name: true, email: true },
    });
    return { id: user.id, name: user.name, email: user.email! };
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

/** Creates an email + password account (operators' CLI: says so when the email is taken). */
export async function signUp(input: unknown): Promise<{ id: string; name: string; email: string }> {
  const user = await createPasswordAccount(signUpInput.parse(input));
  if (!user) throw new AppError('conflict', 'An account with this email already exists', 'email');
  return user;
}

/**
 * Sign-up from the web: rate-limited per client address and email, and the same answer whether or
 * not the email already had an account, so the form cannot be used to find out who has one.
 */
export async function signUpFromWeb(input: unknown, clientAddress: string): Promise<{ name: string; email: string }> {
  const data = signUpInput.parse(input);
  await limitSignUp(clientAddress, data.email);
  await createPasswordAccount(data);
  return { name: data.name, email: data.email };
}
