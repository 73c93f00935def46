/** The NLU parse contract (DESIGN.md "NLU parse") over a swappable intent model. */
import type { IntentModel } from './model';
import type { Entity, ParseResult } from './types';

export interface ParserOptions {
  model: IntentModel;
  /** Below this top confidence the result is `lowConfidence`. Config `NLU_CONFIDENCE_THRESHOLD`, e.g. 0.5. */
  threshold: number;
  /** Entity extractor; default finds none. */
  extractEntities?: (text: string) => Entity[];
  /** Length of `ranking`. Default 5. */
  rankingSize?: number;
}

export const OUT_OF_SCOPE = 'out_of_scope';

/**
 * @example const parser = createParser({ model, threshold: 0.5 }); parser.parse('where is my refund')
 */
export function createParser(opts: ParserOptions) {
  let model = opts.model;
  const extract = opts.extractEntities ?? (() => []);
  const size = opts.rankingSize ?? 5;
  return {
    get model(): IntentModel {
      return model;
    },
    /** Replaces the model; the next `parse` uses it (in-flight calls are synchronous, so none mix models). */
    setModel(next: IntentModel): void {
      model = next;
    },
    parse(text: string): ParseResult {
      const ranking = model.rank(text).slice(0, size);
      const top = ranking[0];
      if (!top) throw new Error('model returned no intents');
      return {
        text,
        intent: top,
        ranking,
        entities: extract(text),
        lowConfidence: top.confidence < opts.threshold || top.name === OUT_OF_SCOPE,
      };
    },
  };
}

export type Parser = ReturnType<typeof createParser>;
