/**
 * How text becomes search terms, the same for articles and queries: lower case, apostrophes
 * dropped ("don't" -> "dont"), common words removed, and a light English stemmer so that
 * "returned", "returns" and "return" meet. Kept deliberately simple and predictable: fuzzy and
 * prefix matching in the index cover most of the rest.
 */

const STOP_WORDS = new Set(
  (
    'a about above again against ago all also am an and any are as at be because been being ' +
    'between both but by can cant could did didnt do does doesnt doing dont down during each else ' +
    'ever few for from further get got had hadnt has hasnt have havent having he her here hers him his ' +
    'how i id if im in into is isnt it its itself ive just me more most my myself no nor not now of off ' +
    'on once only or other our ours out over own please same she should so some still such than thank ' +
    'thanks that thats the their them then there these they this those through to too under until up ' +
    'us very was wasnt we were werent what whats when where which while who whom why will with wont ' +
    'would you youre your yours yourself hi hello hey one two three four five six seven eight nine ten ' +
    'day days week weeks month months yet already'
  ).split(' '),
);

/** Splits text into raw words; apostrophes inside words are dropped, not split on. */
export function tokenize(text: string): string[] {
  return text
    .replace(/['\u2019]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function undouble(word: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(word) ? word.slice(0, -1) : word;
}

/** A light suffix-stripping stemmer (plural, -ed, -ing; British/American -ise/-ize). */
export function stem(word: string): string {
  let w = word.replace(/iz(e|es|ed|ing|ation|ations)$/, 'is$1');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && !w.endsWith('eed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return undouble(w);
}

/** Lower-cases, drops stop words and stems; `null` means "not a search term". */
export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (STOP_WORDS.has(lower)) return null;
  return stem(lower);
}
