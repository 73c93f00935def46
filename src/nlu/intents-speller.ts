import type { IntentDefinition } from './types';
import { createSpellCorrector, type SpellCorrector } from './spelling';
import { loadGloveTable } from './word-vectors';

/**
 * The spelling corrector the parser uses: typos are corrected to the words of the intents'
 * examples (what the model was trained on); a word of the shipped GloVe table (the 50,000 most
 * frequent English words) is real and left alone. bench/nlu-typos.ts measures what it does.
 * @example createParser({ model, threshold, correct: intentsSpeller(loadIntents(dir)).correct })
 */
export function intentsSpeller(intents: readonly IntentDefinition[]): SpellCorrector {
  const glove = loadGloveTable();
  return createSpellCorrector({ texts: intents.flatMap((i) => i.examples), known: (w) => glove.row(w) >= 0 });
}
