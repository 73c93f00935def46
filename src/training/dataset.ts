/**
 * The training set of a retrain: intents/ plus every reviewed label (never an unlabelled
 * message), and the fixed held-out split both the new and the active model are scored on.
 */
import { createHash } from 'node:crypto';
import { normalize } from '../nlu/tokenize';
import type { IntentDefinition, LabelledExample } from '../nlu/types';
import { NOT_A_REQUEST, type LabelledItem } from '../storage/training';

/** Where "not a real request" labels go. */
export const OUT_OF_SCOPE_INTENT = 'out_of_scope';

export interface TrainingExample extends LabelledExample {
  category: string;
  /** The triage item it came from (absent for intents/ examples). */
  itemId?: string;
}

export interface TrainingSet {
  examples: TrainingExample[];
  categories: Record<string, string>;
  /** How many examples came from labels (after de-duplication). */
  labelled: number;
}

/**
 * intents/ + labels. A label for a text that intents/ already holds overrides it (the operator
 * looked at it more recently); two labels for one text: the later one wins.
 */
export function buildTrainingSet(intents: IntentDefinition[], labelled: LabelledItem[]): TrainingSet {
  const categories: Record<string, string> = Object.fromEntries(intents.map((d) => [d.name, d.category]));
  const byText = new Map<string, TrainingExample>();
  for (const d of intents) {
    for (const text of d.examples) byText.set(normalize(text), { text, intent: d.name, category: d.category });
  }
  let labelledCount = 0;
  const sorted = [...labelled].sort((a, b) => a.label.labelledAt - b.label.labelledAt);
  for (const { item, label } of sorted) {
    const intent = label.intent === NOT_A_REQUEST ? OUT_OF_SCOPE_INTENT : label.intent;
    const category = categories[intent] ?? label.category ?? intent;
    categories[intent] ??= category;
    const key = normalize(item.text);
    if (!key) continue;
    if (!byText.get(key)?.itemId) labelledCount++;
    byText.set(key, { text: item.text, intent, category, itemId: item.id });
  }
  return { examples: [...byText.values()], categories, labelled: labelledCount };
}

/** Share of examples held out for evaluation. */
export const HELD_OUT_SHARE = 0.2;

/**
 * A fixed split: an example is held out when the hash of (seed, normalised text) falls in the
 * first fifth, so the same text is on the same side in every run, whatever else was added.
 * An intent with fewer than 4 examples keeps them all for training, and every intent keeps at
 * least one training example.
 */
export function splitHeldOut(examples: TrainingExample[], seed = 1): { train: TrainingExample[]; heldOut: TrainingExample[] } {
  const bucket = (text: string): number => {
    const h = createHash('sha256').update(`${seed}\u0001${normalize(text)}`).digest();
    return h.readUInt32BE(0) / 2 ** 32;
  };
  const byIntent = new Map<string, TrainingExample[]>();
  for (const e of examples) {
    const list = byIntent.get(e.intent) ?? [];
    list.push(e);
    byIntent.set(e.intent, list);
  }
  const train: TrainingExample[] = [];
  const heldOut: TrainingExample[] = [];
  for (const list of byIntent.values()) {
    if (list.length < 4) {
      train.push(...list);
      continue;
    }
    const held = list.filter((e) => bucket(e.text) < HELD_OUT_SHARE);
    const kept = list.filter((e) => bucket(e.text) >= HELD_OUT_SHARE);
    if (kept.length === 0) kept.push(held.pop() as TrainingExample);
    train.push(...kept);
    heldOut.push(...held);
  }
  return { train, heldOut };
}
