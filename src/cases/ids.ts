import { randomInt } from 'node:crypto';

/**
 * Case ids people can read aloud: `CS-` + 6 characters from an alphabet without look-alikes
 * (no 0/O, 1/I). 32^6 ≈ 1.07 billion ids drawn with crypto randomness, so they cannot be guessed.
 * nlu/entities-case-id.ts recognises the same alphabet (a test keeps them equal).
 */
export const CASE_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CASE_ID_PATTERN = /^CS-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/;

/** A case id holds 6 × 5 = 30 bits: a seed is any integer in [0, 2^30). */
export const CASE_SEED_LIMIT = 2 ** 30;

/**
 * @param random index source, `crypto.randomInt` by default (tests pass a fixed one).
 * @example newCaseId() // 'CS-7K3P9Q'
 */
export function newCaseId(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CASE_ID_ALPHABET[random(CASE_ID_ALPHABET.length)];
  return `CS-${code}`;
}

/**
 * Fresh randomness for one turn, from which the conversation machine derives the id of a case
 * the turn opens (a pure function of the event, so the machine stays pure).
 * @example caseIdFromSeed(newCaseSeed()) // 'CS-Q7M2XK'
 */
export function newCaseSeed(): number {
  return randomInt(CASE_SEED_LIMIT);
}

/**
 * The case id a seed stands for: its 30 low bits, 5 at a time, as alphabet characters. A uniform
 * seed gives a uniform id; the storage's unique key on case ids is the safety net for the rare
 * collision (the turn is then retried with a new seed).
 * @example caseIdFromSeed(0) // 'CS-222222'
 */
export function caseIdFromSeed(seed: number): string {
  let rest = Math.abs(Math.trunc(seed)) % CASE_SEED_LIMIT;
  let code = '';
  for (let i = 0; i < 6; i++) {
    code += CASE_ID_ALPHABET[rest % 32];
    rest = Math.floor(rest / 32);
  }
  return `CS-${code}`;
}

/** When a case opened at `openedAt` (epoch ms) promises an answer, `hours` later. */
export function followUpAt(openedAt: number, hours: number): number {
  return openedAt + hours * 3_600_000;
}
