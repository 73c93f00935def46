/** Seeded few-shot draws: k training examples per intent, the same for a given seed whatever the input order. */
import { createRandom, shuffleInPlace } from '../../src/nlu/random';
import type { LabelledExample } from '../../src/nlu/types';

/**
 * `k` examples of every intent (all of them when it has fewer), drawn with `seed`. Intents and
 * their texts are sorted before drawing, so the draw depends on the data and the seed only, not on
 * the order the data came in; the result is shuffled (seeded) so online learners see intents mixed.
 * @example sampleFewShot(loadBanking77().train, 10, 3) // 770 examples, draw 3
 */
export function sampleFewShot(examples: LabelledExample[], k: number, seed: number): LabelledExample[] {
  if (!Number.isInteger(k) || k < 1) throw new Error(`sampleFewShot: k must be a positive integer, got ${k}`);
  const byIntent = new Map<string, LabelledExample[]>();
  for (const e of examples) {
    const list = byIntent.get(e.intent);
    if (list) list.push(e);
    else byIntent.set(e.intent, [e]);
  }
  const random = createRandom(seed);
  const out: LabelledExample[] = [];
  for (const intent of [...byIntent.keys()].sort()) {
    const list = byIntent.get(intent)!.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    out.push(...shuffleInPlace(list, random).slice(0, k));
  }
  return shuffleInPlace(out, random);
}

/** Mean and sample standard deviation (0 for one value). */
export function meanStd(xs: number[]): { mean: number; std: number } {
  const mean = xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std };
}
