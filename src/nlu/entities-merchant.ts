/**
 * Merchants: names from a known list ("Zalando", "H&M"), and names in phrases such as
 * "bought it from Urban Outfitters", "ordered at Zalando", "the seller BestBuy".
 */
import { PRIORITY, candidate, matchesOf, type EntityCandidate } from './entities-match';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Known merchants, case-insensitive, whole words only; the longest name wins ("Apple Store" over
 * "Apple"). Value is the name as spelled in the list.
 */
export function findKnownMerchants(text: string, merchants: readonly string[]): EntityCandidate[] {
  const names = merchants.map((m) => m.trim()).filter((m) => m.length > 0);
  if (names.length === 0) return [];
  const byLower = new Map<string, string>();
  for (const name of names) if (!byLower.has(name.toLowerCase())) byLower.set(name.toLowerCase(), name);
  const alternatives = [...byLower.keys()]
    .sort((a, b) => b.length - a.length)
    .map((name) => escapeRegExp(name).replace(/\s+/g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return matchesOf(text, re).map((m) => {
    const value = byLower.get(m[0].toLowerCase().replace(/\s+/g, ' ')) ?? m[0];
    return candidate('merchant', value, text, m.index, m.index + m[0].length, PRIORITY.merchant_known);
  });
}

/** Capitalised words that follow "from"/"at" without being a shop. */
const NOT_A_NAME = new Set(
  (
    'i me my mine you your we our us they them their he she his her it its this that these those the a an ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'today tomorrow yesterday tonight christmas easter weekend home work school first last least all once ' +
    'customer support service services bank checkout ord cs'
  ).split(' '),
);

/** Words that make "from X" / "at X" about a purchase ("I'm from Germany" is not). */
const COMMERCE_CUE =
  /\b(?:bought|buy|buying|purchased?|purchasing|ordered|order|orders|ordering|paid|pay|paying|payment|charged?|charges|refund(?:ed)?|return(?:ed|ing)?|shopp(?:ed|ing)|checkout|items?|parcel|package|delivery|dispute|subscription)\b/i;

const WORD = "\\p{Lu}[\\p{L}\\p{N}&'’.-]*";
const PHRASE = new RegExp(`(?<![\\p{L}\\p{N}])([Ff]rom|[Aa]t|[Tt]he\\s+(?:seller|merchant|shop|store))\\s+(${WORD}(?:\\s+(?:&\\s+)?${WORD}){0,3})`, 'gu');

/** Cuts a captured name at the first word that is not part of a shop name, and trailing punctuation. */
function cleanName(raw: string): string {
  const kept: string[] = [];
  for (const word of raw.split(/\s+/)) {
    const bare = word.replace(/(?:['’]s)?[.'’-]*$/u, '');
    if (NOT_A_NAME.has(bare.toLowerCase()) || bare === '') break;
    kept.push(bare === word ? word : bare);
    if (bare !== word) break; // "Zalando." or "Zalando's" ends the name
  }
  while (kept[kept.length - 1] === '&') kept.pop();
  return kept.join(' ');
}

/** How far back a buying word may stand; bounded so long text stays linear. */
const CUE_WINDOW = 200;

/** The part of the sentence before `index`, at most CUE_WINDOW characters. */
function sentenceBefore(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - CUE_WINDOW), index);
  const cut = Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n'));
  return before.slice(cut + 1);
}

/**
 * "from <Name>" / "at <Name>" when the sentence is about buying or paying, "the seller <Name>"
 * always. Name = up to four capitalised words. Value as written.
 */
export function findMerchantPhrases(text: string): EntityCandidate[] {
  const found: EntityCandidate[] = [];
  for (const m of matchesOf(text, PHRASE)) {
    const keyword = m[1]!.toLowerCase();
    const needsCue = keyword === 'from' || keyword === 'at';
    if (needsCue && !COMMERCE_CUE.test(sentenceBefore(text, m.index))) continue;
    const name = cleanName(m[2]!);
    if (name === '') continue;
    const start = m.index + m[0].length - m[2]!.length;
    found.push(candidate('merchant', name, text, start, start + name.length, PRIORITY.merchant_phrase));
  }
  return found;
}
