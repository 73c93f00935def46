import type { IntentScore } from '../nlu/types';

/**
 * Two topics in one message ("my payment failed and I also want to return the shoes", "…?? and
 * another thing, can i pay early"): the message is cut into clauses, each is classified with the
 * same NLU, and the first confident topic is answered while a second confident topic of another
 * intent is offered, so it is never silently dropped. Pure: text in, clauses out; the choice is
 * made over parses the caller did.
 */

/** Support categories worth offering as a second topic (small talk, a person, out of scope are not topics). */
const TOPIC_CATEGORIES: ReadonlySet<string> = new Set(['billing', 'refund', 'security', 'dispute', 'cases']);

/**
 * A clause's intent counts as a second topic only at this confidence or above (and not low
 * confidence by the configured threshold). Chosen on the pairs test over the intents' own
 * examples (test/conversation/clauses.test.ts): high enough that a clause's leftovers ("and
 * the app", "it was yesterday") do not turn into an offer.
 */
export const ALSO_MIN_CONFIDENCE = 0.6;

/**
 * A clause whose intent is unsure can still be clearly about one support category ("I want to
 * return the shoes": return_address 0.46, the other return intents most of the rest): its
 * category is offered as the second topic when the category holds this share of the ranking.
 */
export const ALSO_MIN_CATEGORY_SHARE = 0.8;

/** A second topic in the same category as the answered one must be this sure (else it is the same topic in other words). */
export const SAME_CATEGORY_MIN_CONFIDENCE = 0.9;

/** A clause needs at least this many words to be classified on its own; shorter pieces stay with the one before. */
const MIN_CLAUSE_WORDS = 3;

/**
 * Where one topic may end and another begin: sentence ends, semicolons, and the joining words
 * customers use between two requests ("also", "and another thing", "btw", "plus", "on top of
 * that", "separately"), or "and" / "but" / a comma before a new subject or question ("and i…",
 * ", can you…", "and my…"). A plain "and" inside a phrase ("return and refund") is not a cut.
 */
const CUT = new RegExp(
  [
    String.raw`[.!?;]+(?:\s+|$)`,
    String.raw`\s*,?\s*\b(?:(?:and|but|oh|oh and|and then)\s+)?(?:(?:i|i'?ve|i'?d|i'?m|im)\s+)?(?:also|another thing|one more thing|btw|by the way|plus|on top of that|separately|as well as that)\b[\s,:]*`,
    String.raw`\s*,?\s+(?:and|but)\s+(?=(?:i|i'?m|im|i'?ve|my|me|can|could|how|why|when|where|what|is|are|do|does|did|will|would|should|the|you|your|it|its|it's|there|they|someone|somebody)\b)`,
    String.raw`\s*,\s+(?=(?:i|i'?m|im|my|can|could|how|why|when|where|what|is|are|do|does|did|will|would|should|you|someone|somebody|the|this|that|it|its|it's)\b)`,
  ].join('|'),
  'giu',
);

const words = (s: string) => (s.match(/[\p{L}\p{N}'’]+/gu) ?? []).length;

/**
 * The message cut into clauses, in order, each trimmed; pieces shorter than three words stay
 * with the clause before them (or after, for a short first piece). One clause when there is
 * nothing to cut.
 * @example splitClauses('my payment failed and I also want to return the shoes')
 * // ['my payment failed', 'I also want to return the shoes']
 */
export function splitClauses(text: string): string[] {
  const pieces = text
    .split(CUT)
    .map((p) => (p ?? '').trim().replace(/^[\s,:;-]+|[\s,:;-]+$/g, ''))
    .filter((p) => words(p) > 0);
  const clauses: string[] = [];
  for (const piece of pieces) {
    const prev = clauses.at(-1);
    if (prev !== undefined && (words(piece) < MIN_CLAUSE_WORDS || words(prev) < MIN_CLAUSE_WORDS)) clauses[clauses.length - 1] = `${prev} ${piece}`;
    else clauses.push(piece);
  }
  return clauses.length > 0 ? clauses : [text.trim()];
}

/** What the NLU made of a clause. */
export interface ClauseParse {
  text: string;
  intent: IntentScore;
  lowConfidence: boolean;
  /** The full ranking (for the category share); absent: the intent alone. */
  ranking?: IntentScore[];
  /** The NLU's out-of-scope flag: text it knows almost nothing of is no topic at all. */
  outOfScope?: boolean;
}

const isHuman = (c: Pick<ClauseParse, 'intent' | 'lowConfidence'>) => !c.lowConfidence && c.intent.category === 'human';

/** A second topic to offer: one intent, or (when only the category is clear) a whole support category. */
export type AlsoTopic = { kind: 'intent'; intent: IntentScore } | { kind: 'category'; category: string };

/** A clause whose topic is confident enough to answer or to offer. */
export function isConfidentTopic(c: Pick<ClauseParse, 'intent' | 'lowConfidence'>): boolean {
  return !c.lowConfidence && TOPIC_CATEGORIES.has(c.intent.category) && c.intent.confidence >= ALSO_MIN_CONFIDENCE;
}

/** The support category that holds at least ALSO_MIN_CATEGORY_SHARE of a clause's ranking, if any. */
export function clearCategory(c: ClauseParse): string | undefined {
  if (c.outOfScope) return undefined;
  const share = new Map<string, number>();
  for (const r of c.ranking ?? [c.intent]) share.set(r.category, (share.get(r.category) ?? 0) + r.confidence);
  for (const [category, total] of share) if (TOPIC_CATEGORIES.has(category) && total >= ALSO_MIN_CATEGORY_SHARE) return category;
  return undefined;
}

/**
 * The topics of a message of several clauses: `first`, the clause to answer (the first confident
 * one), when the clauses say something the whole message does not (two topics, or the whole is
 * unsure while one clause is clear); and `also`, a second topic to offer after the answer: a
 * confident clause of another intent, else a clause clearly about another support category.
 * Undefined fields: answer the whole message as one, offer nothing. A clause asking for a person
 * is what is answered (the request for a person wins over any topic but an emergency, whose
 * flow hands over urgently).
 * @param whole the parse of the whole message
 * @param clauses the parses of its clauses, in order (from splitClauses)
 * @param opts.sameAnswer whether two intents would be answered with the same article (then the second adds nothing)
 * @param opts.urgent whether an intent is an emergency (handled first, wherever it is in the message)
 */
export function topicsOfClauses(
  whole: Pick<ClauseParse, 'intent' | 'lowConfidence'>,
  clauses: ClauseParse[],
  opts: { sameAnswer?: (a: string, b: string) => boolean; urgent?: (intent: string) => boolean } = {},
): { first?: ClauseParse; also?: AlsoTopic } {
  if (clauses.length < 2) return {};
  const sameAnswer = opts.sameAnswer ?? (() => false);
  const urgent = opts.urgent ?? (() => false);
  const confident = clauses.filter(isConfidentTopic);
  // "i need a human, the app wont let me log in": the request for a person wins over any topic,
  // but not over an emergency ("someone stole my card and I need a person now"): its flow gives
  // the protective steps and hands over urgently, which is a person, sooner.
  const person = clauses.find(isHuman);
  if (person && !confident.some((c) => urgent(c.intent.name))) return isHuman(whole) ? {} : { first: person };
  // The whole message's reading is trusted as the service trusts it (not unsure, a support topic).
  const wholeClear = !whole.lowConfidence && TOPIC_CATEGORIES.has(whole.intent.category);
  // A different topic, not the same one in other words: another intent with another answer, and
  // in the same category only when the clause is very sure (return vs partial return is noise).
  // Beside an emergency, a clause of its own category is the same matter ("what is this charge?? i did NOT buy this").
  const another = (c: IntentScore, of: IntentScore) =>
    c.name !== of.name &&
    !sameAnswer(c.name, of.name) &&
    (c.category !== of.category || (c.confidence >= SAME_CATEGORY_MIN_CONFIDENCE && !urgent(of.name)));
  // An emergency (the whole's or a clause's) is handled first, whatever its place in the message.
  const wholeUrgent = wholeClear && urgent(whole.intent.name);
  const emergency = wholeUrgent ? undefined : confident.find((c) => urgent(c.intent.name));
  const head = emergency ?? confident[0];
  // A clause is answered instead of the whole message when it is an emergency, when the clauses
  // hold topics of two categories (the first is answered), or when the whole is unsure and a
  // clause is clear; never instead of a whole message that is itself an emergency. Two topics of
  // one category ("i returned my order but the refund is still missing") are answered as the
  // whole reads them, the other one offered.
  const twoCategories = (h: ClauseParse) => confident.some((c) => another(c.intent, h.intent) && c.intent.category !== h.intent.category);
  const first = !wholeUrgent && head && (emergency !== undefined || !wholeClear || twoCategories(head)) ? head : undefined;
  const answered = first?.intent ?? (wholeClear ? whole.intent : undefined);
  if (!answered) return {};
  const chosen = first ? { first } : {};
  const second = confident.find((c) => c !== first && another(c.intent, answered));
  if (second) return { ...chosen, also: { kind: 'intent', intent: second.intent } };
  // No second confident intent: a clause clearly about another support category offers that category.
  for (const c of clauses) {
    if (c === first || c.intent.name === answered.name || sameAnswer(c.intent.name, answered.name)) continue;
    const category = clearCategory(c);
    if (category !== undefined && category !== answered.category) return { ...chosen, also: { kind: 'category', category } };
  }
  return chosen;
}
