import { z } from 'zod';
import { db } from '@/lib/db';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@/lib/auth/password';

export const signUpInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address').max(254),
  name: z.string().trim().min(1, 'Enter your name').max(80),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
});
export type SignUpInput = z.infer<typeof signUpInput>;

/** Creates an email + password account. */
export async function signUp(input: unknown): Promise<{ id: string; name: string; email: string }> {
  const data = signUpInput.parse(input);
  try {
    const user = await db.user.create({
      data: { email: data.email, name: data.name, passwordHash: await hashPassword(data.password) },
      select: { id: true, name: true, email: true },
    });
    return { id: user.id, name: user.name, email: user.email! };
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'An account with this email already exists', 'email');
    throw err;
  }
}
