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
  /**
   * Per-intent thresholds that replace `threshold` when the top intent is one of them (tuned by
   * operators, suggested by the training part). Default none.
   * @example { refund_status: 0.35, account_takeover: 0.8 }
   */
  thresholds?: Record<string, number>;
  /**
   * Below this out-of-scope score (`IntentModel.scope`, where the model has one) the result is
   * `lowConfidence` too, whatever the confidence: the text looks like nothing the model was trained
   * on. Config `NLU_SCOPE_THRESHOLD`; default 0 (off).
   */
  scopeThreshold?: number;
  /**
   * Rewrites the text before the model reads it (spelling correction, `spelling.ts`); entities
   * are still found in the text as typed. Default: none.
   */
  correct?: (text: string) => string;
}

export const OUT_OF_SCOPE = 'out_of_scope';

/**
 * @example const parser = createParser({ model, threshold: 0.5 }); parser.parse('where is my refund')
 */
export function createParser(opts: ParserOptions) {
  let model = opts.model;
  let thresholds: Record<string, number> = { ...(opts.thresholds ?? {}) };
  const thresholdFor = (intent: string): number => thresholds[intent] ?? opts.threshold;
  const extract = opts.extractEntities ?? (() => []);
  const size = opts.rankingSize ?? 5;
  const scopeThreshold = opts.scopeThreshold ?? 0;
  /** A parse; the model's out-of-scope score is computed only when a threshold is set or `withScore` asks for it. */
  const readable = opts.correct ?? ((text: string) => text);
  const parseWith = (text: string, withScore: boolean): ParseResult & { scopeScore?: number } => {
    const read = readable(text);
    const scoped = scopeThreshold > 0 || withScore ? model.scope?.(read) : undefined;
    const ranking = (scoped?.ranking ?? model.rank(read)).slice(0, size);
    const top = ranking[0];
    if (!top) throw new Error('model returned no intents');
    const outOfScope = scoped !== undefined && scoped.scopeScore < scopeThreshold;
    const result: ParseResult = {
      text,
      intent: top,
      ranking,
      entities: extract(text),
      lowConfidence: top.confidence < thresholdFor(top.name) || top.name === OUT_OF_SCOPE || outOfScope,
      ...(outOfScope ? { outOfScope: true } : {}),
    };
    return withScore && scoped ? { ...result, scopeScore: scoped.scopeScore } : result;
  };
  return {
    get model(): IntentModel {
      return model;
    },
    /** Replaces the model; the next `parse` uses it (in-flight calls are synchronous, so none mix models). */
    setModel(next: IntentModel): void {
      model = next;
    },
    /** Replaces the per-intent thresholds (all of them); the next `parse` uses them. */
    setThresholds(next: Record<string, number>): void {
      thresholds = { ...next };
    },
    /** The text as the model reads it (after `correct`): what an asynchronous prepare step must prepare. */
    readable,
    /** The threshold that applies when `intent` comes out on top. */
    thresholdFor,
    parse(text: string): ParseResult {
      return parseWith(text, false);
    },
    /** `parse` plus the model's out-of-scope score (`scopeScore`, absent if the model has none), from the same single pass. */
    parseWithScope(text: string): ParseResult & { scopeScore?: number } {
      return parseWith(text, true);
    },
  };
}

export type Parser = ReturnType<typeof createParser>;
