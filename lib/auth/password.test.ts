import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { verifyCredentials } from '@/lib/users/verify-credentials';
import { buildUser } from '@/test/builders';
import { hashPassword, needsRehash, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('wrong horse battery', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it('a garbage stored hash matches nothing', async () => {
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('an old bcrypt hash still signs in, and is replaced by argon2id on success only', async () => {
    const user = await buildUser();
    const legacy = await bcrypt.hash('legacy password 1', 4);
    await db.user.update({ where: { id: user.id }, data: { passwordHash: legacy } });
    expect(await verifyCredentials(user.email!, 'wrong password 1')).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(legacy);
    expect(await verifyCredentials(user.email!, 'legacy password 1')).toMatchObject({ id: user.id });
    const after = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;
    expect(after).toMatch(/^\$argon2id\$/);
    expect(await verifyCredentials(user.email!, 'legacy password 1')).toMatchObject({ id: user.id });
  });
});
