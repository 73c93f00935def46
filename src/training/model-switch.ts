/**
 * Keeps this node's parser on the active model version and the operators' thresholds.
 * Activation is published on the bus (`channels.models`); every node loads the artifact from
 * storage and swaps it in. Parsing is synchronous, so a message is parsed wholly by the old or
 * wholly by the new model: conversations in flight continue, the next message uses the new one.
 * A slow poll also catches changes made where no bus reaches (the CLI next to an in-process bus).
 */
import type { Bus, ModelsBusEvent } from '../bus/types';
import { channels } from '../bus/types';
import { EncoderUnavailableError, type IntentModel } from '../nlu/model';
import type { TrainingStore } from '../storage/training';

export interface ModelTarget {
  setModel(model: IntentModel): void;
  setThresholds(thresholds: Record<string, number>): void;
}

export interface ModelSwitchLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ModelSwitchOptions {
  store: Pick<TrainingStore, 'activeVersion' | 'getArtifact' | 'listThresholds'>;
  bus: Bus;
  /** The parser (or anything with setModel/setThresholds). */
  target: ModelTarget;
  /** The model trained from intents/ at start-up: used while no version is active. */
  baseModel: IntentModel;
  /** Restores an artifact (`loadModel` from src/nlu/model). */
  loadModel: (artifact: unknown) => IntentModel;
  logger?: ModelSwitchLogger;
  /** How often to re-check storage for changes made without the bus; 0 turns it off. Default 10000 ms. */
  pollMs?: number;
}

/** Bus events on `channels.models`. */
export const MODEL_ACTIVATED = 'model.activated';
export const THRESHOLDS_CHANGED = 'thresholds.changed';

const CACHE_SIZE = 3;

export function createModelSwitch(opts: ModelSwitchOptions) {
  const { store, bus, target, baseModel } = opts;
  const cache = new Map<string, IntentModel>();
  let current: string | null = null;
  /** A version this node cannot load (trained in a mode it does not run): not retried on every poll. */
  let unloadable: string | undefined;
  let thresholdsKey = '';
  let request = 0;
  let unsubscribe: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function modelOf(versionId: string): Promise<IntentModel> {
    const hit = cache.get(versionId);
    if (hit) return hit;
    const artifact = await store.getArtifact(versionId);
    if (artifact === undefined) throw new Error(`model version ${versionId} has no artifact`);
    const model = opts.loadModel(artifact);
    cache.set(versionId, model);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return model;
  }

  /** Puts `versionId` (null: the built-in model) into the parser. The latest call wins. */
  async function apply(versionId: string | null): Promise<void> {
    const mine = ++request;
    let model: IntentModel;
    try {
      model = versionId === null ? baseModel : await modelOf(versionId);
    } catch (err) {
      if (!(err instanceof EncoderUnavailableError)) throw err;
      // e.g. restarted without NLU_ENCODER=use-lite while an accurate-mode version is active:
      // the node keeps answering with the model it has instead of failing to start.
      if (unloadable !== versionId) opts.logger?.error({ err, versionId }, 'the active model version needs a sentence encoder this node does not run; keeping the current model');
      unloadable = versionId ?? undefined;
      return;
    }
    unloadable = undefined;
    if (mine !== request) return;
    target.setModel(model);
    if (current !== versionId) opts.logger?.info({ versionId, modelId: model.meta.id }, 'intent model switched');
    current = versionId;
  }

  async function reloadThresholds(): Promise<void> {
    const rows = await store.listThresholds();
    const next = Object.fromEntries(rows.map((r) => [r.intent, r.threshold]));
    const key = JSON.stringify(next);
    if (key === thresholdsKey) return;
    thresholdsKey = key;
    target.setThresholds(next);
  }

  async function refresh(): Promise<void> {
    const active = await store.activeVersion();
    const id = active?.id ?? null;
    if (id !== current && id !== unloadable) await apply(id);
    await reloadThresholds();
  }

  function onEvent(e: ModelsBusEvent): void {
    const run = e.type === MODEL_ACTIVATED ? apply(e.versionId) : e.type === THRESHOLDS_CHANGED ? reloadThresholds() : undefined;
    run?.catch((err: unknown) => opts.logger?.error({ err, event: e.type }, 'applying a model change failed'));
  }

  return {
    /** Loads the active version (if any) and the thresholds, then follows changes. */
    async start(): Promise<void> {
      await refresh();
      unsubscribe = await bus.subscribe(channels.models, onEvent);
      const pollMs = opts.pollMs ?? 10_000;
      if (pollMs > 0) {
        timer = setInterval(() => {
          refresh().catch((err: unknown) => opts.logger?.error({ err }, 'model poll failed'));
        }, pollMs);
        timer.unref();
      }
    },
    apply,
    reloadThresholds,
    /** The version answering on this node (null: the built-in model). */
    get activeVersionId(): string | null {
      return current;
    },
    async close(): Promise<void> {
      if (timer) clearInterval(timer);
      await unsubscribe?.();
    },
  };
}

export type ModelSwitch = ReturnType<typeof createModelSwitch>;
