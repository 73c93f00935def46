/**
 * Which intent-model mode this process runs (config `NLU_ENCODER`): `default` (TF-IDF and word
 * vectors, always available) or `use-lite` (accurate mode, adds USE lite sentence embeddings from
 * optional packages). Asked for accurate mode without its packages, the process says so in the log
 * and runs the default mode.
 */
import path from 'node:path';
import type { LoadModelOptions } from './model';
import { openSentenceCache, type SentenceCache } from './sentence-cache';
import { EncoderMissingError, loadUseLite, USE_LITE, type ModuleLoader, type SentenceEncoder } from './sentence-encoder';

export const NLU_MODES = ['default', USE_LITE] as const;
export type NluMode = (typeof NLU_MODES)[number];

export interface NluRuntime {
  /** The mode in effect (`default` when accurate mode was asked for but cannot run). */
  mode: NluMode;
  /** Accurate mode's embedding cache (`DATA_DIR/embeddings`). */
  sentences?: SentenceCache;
  /** For `loadModel`: lets this process restore accurate-mode models when it can embed. */
  loadOptions: LoadModelOptions;
}

export interface NluRuntimeOptions {
  mode: NluMode;
  /** Config `DATA_DIR`; embeddings are cached in its `embeddings/` folder. */
  dataDir: string;
  logger?: { warn(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
  /** `require`, replaceable to simulate a missing package in tests. */
  load?: ModuleLoader;
  /** A ready encoder instead of loading USE lite (tests use a fast deterministic stand-in). */
  encoder?: SentenceEncoder;
}

/** The folder of the embedding cache in a data directory. */
export const embeddingsDir = (dataDir: string): string => path.join(dataDir, 'embeddings');

/**
 * @example const nlu = await startNluRuntime({ mode: config.nluEncoder, dataDir: config.dataDir, logger });
 */
export async function startNluRuntime(opts: NluRuntimeOptions): Promise<NluRuntime> {
  if (opts.mode === 'default') return { mode: 'default', loadOptions: {} };
  try {
    const encoder = opts.encoder ?? (await loadUseLite(opts.load));
    const sentences = openSentenceCache({ encoder, dir: embeddingsDir(opts.dataDir) });
    opts.logger?.info({ encoder: encoder.name, cachedEmbeddings: sentences.size }, 'accurate NLU mode: sentence encoder loaded');
    return { mode: USE_LITE, sentences, loadOptions: { sentences: (name) => (name === encoder.name ? sentences : undefined) } };
  } catch (err) {
    if (!(err instanceof EncoderMissingError)) throw err;
    opts.logger?.warn({ requested: opts.mode, reason: err.message }, 'accurate NLU mode is not available; running the default mode');
    return { mode: 'default', loadOptions: {} };
  }
}

/** A process's NLU runtime in the default mode (nothing to load). */
export const DEFAULT_RUNTIME: NluRuntime = { mode: 'default', loadOptions: {} };
