/**
 * Pairs of topic sentences in one message, for the two-topics rule (clauses.ts): sentences of two
 * different support categories joined the way customers join them, read with the shipped model
 * as the service reads them. Shared by clauses.test.ts and the measurement in bench/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ClauseParse, splitClauses, topicsOfClauses } from '../../src/conversation/clauses';
import { flowForIntent } from '../../src/conversation/flows';
import type { ParseResult } from '../../src/nlu/types';

export const SUPPORT = ['billing', 'refund', 'security', 'dispute'];

/** How customers join two requests. */
export const JOINS: Array<(a: string, b: string) => string> = [
  (a, b) => `${a} and I also ${lowerFirst(b)}`,
  (a, b) => `${a}. also ${lowerFirst(b)}`,
  (a, b) => `${a}?? and another thing, ${lowerFirst(b)}`,
  (a, b) => `${a}, btw ${lowerFirst(b)}`,
  (a, b) => `${a}. ${b}`,
  (a, b) => `${a} plus ${lowerFirst(b)}`,
];
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export interface Labelled {
  text: string;
  category: string;
  intent: string;
}

/** test/data/heldout-messages.csv (never trained on), support categories only. */
export function heldoutMessages(root: string): Labelled[] {
  const lines = readFileSync(path.join(root, 'test', 'data', 'heldout-messages.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map(parseCsvLine).filter((m) => SUPPORT.includes(m.category));
}
function parseCsvLine(line: string): Labelled {
  const m = /^(?:"((?:[^"]|"")*)"|([^,]*)),([^,]*),([^,]*)$/.exec(line);
  if (!m) throw new Error(`bad csv line ${line}`);
  return { text: (m[1] ?? m[2] ?? '').replace(/""/g, '"'), category: m[3]!, intent: m[4]! };
}

/** A deterministic sample of n pairs of different categories (a, b), with the join to use. */
export function samplePairs(messages: Labelled[], n: number, seed = 7): Array<{ a: Labelled; b: Labelled; join: number }> {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: Array<{ a: Labelled; b: Labelled; join: number }> = [];
  while (out.length < n) {
    const a = messages[Math.floor(rand() * messages.length)]!;
    const b = messages[Math.floor(rand() * messages.length)]!;
    if (a.category === b.category) continue;
    out.push({ a, b, join: Math.floor(rand() * JOINS.length) });
  }
  return out;
}

/** What the service makes of a message: the answered category and the offered second topic's category. */
export function readAsService(text: string, parse: (t: string) => ParseResult, sameAnswer: (a: string, b: string) => boolean = () => false) {
  const whole = parse(text);
  const pieces = splitClauses(text);
  const clauses: ClauseParse[] = pieces.map((p) => {
    const r = parse(p);
    return { text: p, intent: r.intent, lowConfidence: r.lowConfidence, ranking: r.ranking, ...(r.outOfScope ? { outOfScope: true } : {}) };
  });
  const urgent = (intent: string) => flowForIntent(intent)?.interrupts === true;
  const { first, also } = topicsOfClauses(whole, clauses, { sameAnswer, urgent });
  const answered = first ? first.intent : whole.lowConfidence ? undefined : whole.intent;
  const alsoCategory = also ? (also.kind === 'intent' ? also.intent.category : also.category) : undefined;
  return { answered, alsoCategory, clauses: pieces.length };
}
