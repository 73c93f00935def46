import type { Article } from '../knowledge/types';
import type { IntentScore } from '../nlu/types';
import type { AnswerCandidate, TopicOption } from './events';
import type { KnowledgeLookup, Understanding } from './ports';

/** Categories worth offering as "did you mean" topics; small talk and out-of-scope are not. */
const TOPIC_CATEGORIES = new Set(['billing', 'refund', 'security', 'dispute', 'cases']);

export function toAnswer(article: Article): AnswerCandidate {
  return {
    article: { id: article.id, title: article.title, url: `/help/${article.id}`, category: article.category },
    summary: article.chat ?? article.summary,
  };
}

/** Best articles for a message, the predicted intent and category boosting the search. */
export function answersForText(knowledge: KnowledgeLookup, text: string, top: IntentScore, limit = 3): AnswerCandidate[] {
  const byIntent = knowledge.byIntent(top.name);
  const hits = knowledge.search(text, { category: top.category, intent: top.name, limit });
  // An article written for the predicted intent beats a text match from elsewhere.
  const ordered = [...byIntent.filter((a) => hits.some((h) => h.article.id === a.id)), ...byIntent, ...hits.map((h) => h.article)];
  const seen = new Set<string>();
  const out: AnswerCandidate[] = [];
  for (const a of ordered) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    out.push(toAnswer(a));
    if (out.length >= limit) break;
  }
  return out;
}

export function answersForIntent(knowledge: KnowledgeLookup, intent: string): AnswerCandidate[] {
  return knowledge.byIntent(intent).slice(0, 3).map(toAnswer);
}

/**
 * A topic is offered as a guess for an unsure message only when the model gives it at least this
 * much: below it, the ranking's support topics are noise ("asdfgh" is not about "Item not as
 * described"), and the machine offers the four support topics instead. (After a No to an answer,
 * the runners-up of the answered message are offered whatever their share: they are its neighbours.)
 */
export const MIN_TOPIC_CONFIDENCE = 0.05;

/** The closest support topics in a ranking (at least `minConfidence` each), as quick replies (`intent:<name>`). */
export function topicsFrom(ranking: IntentScore[], nlu: Pick<Understanding, 'labelOf'>, count: number, minConfidence = 0): TopicOption[] {
  return ranking
    .filter((r) => TOPIC_CATEGORIES.has(r.category) && r.confidence >= minConfidence)
    .slice(0, count)
    .map((r) => ({ label: nlu.labelOf(r.name), value: `intent:${r.name}` }));
}
