/** Email addresses, value lower-cased. */
import { PRIORITY, candidate, matchesOf, type EntityCandidate } from './entities-match';

// Labels are delimited by literal dots, so the nested quantifiers cannot backtrack exponentially.
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g;

/** @example findEmails('write to Jane.Doe@Example.com.') // value 'jane.doe@example.com' */
export function findEmails(text: string): EntityCandidate[] {
  return matchesOf(text, EMAIL).map((m) =>
    candidate('email', m[0].toLowerCase(), text, m.index, m.index + m[0].length, PRIORITY.email),
  );
}
