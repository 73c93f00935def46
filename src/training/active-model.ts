import { loadModel, type IntentModel } from '../nlu/model';
import type { TrainingStore } from '../storage/training';

/**
 * The stored active model version, restored, or undefined when the built-in model from intents/
 * is active. For commands that should answer like the server (e.g. `cli classify` without
 * `--model`).
 * @example const model = (await loadActiveModel(storage.training)) ?? (await loadOrTrainModel(...)).model;
 */
export async function loadActiveModel(store: Pick<TrainingStore, 'activeVersion' | 'getArtifact'>): Promise<IntentModel | undefined> {
  const active = await store.activeVersion();
  if (!active) return undefined;
  const artifact = await store.getArtifact(active.id);
  return artifact === undefined ? undefined : loadModel(artifact);
}
