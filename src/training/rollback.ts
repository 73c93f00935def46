import type { ActivationRecord } from '../storage/training';
import { TrainingError } from './errors';

/**
 * The version a rollback returns to: the one active before the current activation (null: the
 * built-in model from intents/). Rolling back twice returns to where you started, like "undo".
 * Throws when the built-in model is active already.
 * @example rollbackTarget(await store.activationHistory(2))
 */
export function rollbackTarget(history: ActivationRecord[]): string | null {
  if (history.length === 0 || history[0]?.versionId === null) {
    throw new TrainingError('nothing_to_roll_back', 'the built-in model is active; there is nothing to roll back to');
  }
  return history[1]?.versionId ?? null;
}
