/** Support case ids: `CS-` + 6 characters from an alphabet without look-alikes (no 0/O, 1/I). */
import { PRIORITY, candidate, matchesOf, type EntityCandidate } from './entities-match';

export const CASE_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const CHAR = `[${CASE_ID_ALPHABET}]`;
// Without the dash ("cs 7K3M9Q", "CS7K3M9Q") a digit is required, so "cs refund" is not a case id.
const CASE_ID = new RegExp(`(?<![A-Za-z0-9])CS(?:[-\\u2013](${CHAR}{6})|\\s?(?=${CHAR}{0,5}[2-9])(${CHAR}{6}))(?![A-Za-z0-9])`, 'gi');

/** @example findCaseIds('my case cs-7k3m9q') // value 'CS-7K3M9Q' */
export function findCaseIds(text: string): EntityCandidate[] {
  return matchesOf(text, CASE_ID).map((m) => {
    const code = (m[1] ?? m[2] ?? '').toUpperCase();
    return candidate('case_id', `CS-${code}`, text, m.index, m.index + m[0].length, PRIORITY.case_id);
  });
}
