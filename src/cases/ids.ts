import { randomInt } from 'node:crypto';

/**
 * Case ids people can read aloud: `CS-` + 6 characters from an alphabet without look-alikes
 * (no 0/O, 1/I). 32^6 ≈ 1.07 billion ids drawn with crypto randomness, so they cannot be guessed.
 * nlu/entities-case-id.ts recognises the same alphabet (a test keeps them equal).
 */
export const CASE_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CASE_ID_PATTERN = /^CS-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/;

/**
 * @param random index source, `crypto.randomInt` by default (tests pass a fixed one).
 * @example newCaseId() // 'CS-7K3P9Q'
 */
export function newCaseId(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CASE_ID_ALPHABET[random(CASE_ID_ALPHABET.length)];
  return `CS-${code}`;
}
