import { scryptSync } from 'node:crypto';
import { PASSWORD_ALPHABET, generatePassword, hashPassword, needsRehash, verifyPassword } from '../../src/http/auth/password';

describe('password hashing', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword('correct horse battery staple');
  });

  it('stores scrypt with its parameters, a 16-byte salt and no trace of the password', () => {
    const [scheme, N, r, p, salt, hash, ...rest] = stored.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
    expect(rest).toEqual([]);
    expect(stored).not.toContain('horse');
  });

  it('verifies the right password and refuses others', async () => {
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapl', stored)).resolves.toBe(false);
    await expect(verifyPassword('Correct horse battery staple', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('salts every hash, so equal passwords do not look equal in the database', async () => {
    const again = await hashPassword('correct horse battery staple');
    expect(again).not.toBe(stored);
    await expect(verifyPassword('correct horse battery staple', again)).resolves.toBe(true);
  });

  it('treats the same password typed in different Unicode forms as the same', async () => {
    const composed = await hashPassword('caf\u00e9-pw');
    await expect(verifyPassword('cafe\u0301-pw', composed)).resolves.toBe(true);
  });

  it('verifies hashes made with other parameters, and flags them for rehashing', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('old-password', salt, 32, { N: 1024, r: 8, p: 1 });
    const legacy = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    await expect(verifyPassword('old-password', legacy)).resolves.toBe(true);
    expect(needsRehash(legacy)).toBe(true);
    expect(needsRehash(stored)).toBe(false);
  });

  it('refuses tampered or malformed hashes instead of throwing', async () => {
    const parts = stored.split('$');
    const flipped = Buffer.from(parts[5]!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    const tampered = [...parts.slice(0, 5), flipped.toString('base64')].join('$');
    const malformed = [
      '',
      'plaintext',
      'bcrypt$10$abc',
      stored.replace('scrypt$32768', 'scrypt$1000'), // N not a power of two
      stored.replace('scrypt$32768', 'scrypt$1073741824'), // would need gigabytes
      `${stored}$extra`,
      parts.slice(0, 5).join('$') + '$not base64!',
    ];
    await expect(verifyPassword('correct horse battery staple', tampered)).resolves.toBe(false);
    for (const bad of malformed) {
      await expect(verifyPassword('correct horse battery staple', bad)).resolves.toBe(false);
    }
  });

  it('refuses to hash an empty password', async () => {
    await expect(hashPassword('')).rejects.toThrow(TypeError);
  });
});

describe('generatePassword', () => {
  it('makes long one-time passwords from an alphabet without look-alike characters', () => {
    const pw = generatePassword();
    expect(pw.length).toBeGreaterThanOrEqual(16);
    expect([...pw].every((c) => PASSWORD_ALPHABET.includes(c))).toBe(true);
    expect(PASSWORD_ALPHABET).not.toMatch(/[0O1lIio]/);
    expect(generatePassword(24)).toHaveLength(24);
  });

  it('does not repeat itself', () => {
    const many = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(many.size).toBe(200);
  });

  it('refuses lengths that would be too weak', () => {
    expect(() => generatePassword(8)).toThrow(RangeError);
  });
});
