import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Agent passwords, hashed with scrypt from node:crypto. The encoding carries its own parameters,
 * `scrypt$N$r$p$<salt base64>$<hash base64>`, so the cost can be raised later while old hashes
 * still verify (see {@link needsRehash}).
 */

/** Cost parameters for new hashes: N = 2^15 needs 32 MiB and ~50-100 ms per hash. */
export const SCRYPT_PARAMS = { N: 32768, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on parameters read from a stored hash, so a corrupt row cannot demand gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(password: string, salt: Buffer, keyLength: number, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    // NFC so the same password typed on different keyboards/OSes hashes the same.
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * Hashes a password for storage.
 * @example await hashPassword('correct horse') // 'scrypt$32768$8$1$…$…'
 * @throws TypeError for an empty password.
 */
export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== 'string' || password === '') throw new TypeError('password must be a non-empty string');
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, SCRYPT_PARAMS);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface Decoded {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function decode(encoded: string): Decoded | undefined {
  const parts = typeof encoded === 'string' ? encoded.split('$') : [];
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((x) => (/^\d{1,8}$/.test(x!) ? Number(x) : NaN)) as [number, number, number];
  const isPowerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_R) || !(p >= 1 && p <= MAX_P)) return undefined;
  const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
  if (!base64.test(parts[4]!) || !base64.test(parts[5]!)) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64');
  const hash = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { N, r, p, salt, hash };
}

/**
 * Whether `password` matches a hash made by {@link hashPassword}. Compares in constant time.
 * A malformed or unsupported hash verifies as false (nobody can log in with it) rather than throwing.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  if (!decoded || typeof password !== 'string' || password === '') return false;
  const key = await derive(password, decoded.salt, decoded.hash.length, decoded);
  return timingSafeEqual(key, decoded.hash);
}

/** Whether a stored hash was made with other parameters than today's; rehash it at the next login. */
export function needsRehash(encoded: string): boolean {
  const decoded = decode(encoded);
  return !decoded || decoded.N !== SCRYPT_PARAMS.N || decoded.r !== SCRYPT_PARAMS.r || decoded.p !== SCRYPT_PARAMS.p;
}

/** Letters and digits without look-alikes (0/O/o, 1/l/I/i), so a password read aloud or copied by hand survives. */
export const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

/**
 * A one-time password for a new account, from a CSPRNG without modulo bias.
 * 20 characters of a 55-letter alphabet is about 115 bits.
 * @param length characters, at least 16. Default 20.
 */
export function generatePassword(length = 20): string {
  if (!Number.isInteger(length) || length < 16) throw new RangeError('a generated password needs at least 16 characters');
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}
