import 'server-only';
import bcrypt from 'bcryptjs';

export const MIN_PASSWORD_LENGTH = 10;
const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5iZsG1Yk8Vv3b0g9kK1v9PZ1m0X7u2W';
export async function burnPasswordCheck(password: string): Promise<void> {
  await bcrypt.compare(password, DUMMY_HASH);
}
