/** What every entity finder returns: an entity and how much it wins when spans collide. */
import type { Entity } from './types';

export interface EntityCandidate extends Entity {
  /** Higher wins an overlap: the more specific reading (a case id over anything else). */
  priority: number;
}

/** Overlap priorities (DESIGN.md: prefer the more specific entity). */
export const PRIORITY = {
  case_id: 60,
  email: 50,
  order_id: 40,
  amount: 30,
  date: 20,
  merchant_known: 11,
  merchant_phrase: 10,
} as const;

/** All matches of a global regular expression, skipping empty ones. */
export function matchesOf(text: string, re: RegExp): RegExpExecArray[] {
  const global = re.flags.includes('g') ? new RegExp(re.source, re.flags) : new RegExp(re.source, re.flags + 'g');
  const out: RegExpExecArray[] = [];
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    if (m[0].length === 0) {
      global.lastIndex++;
      continue;
    }
    out.push(m);
  }
  return out;
}

export function candidate(type: string, value: string, text: string, start: number, end: number, priority: number): EntityCandidate {
  return { type, value, text: text.slice(start, end), start, end, priority };
}
