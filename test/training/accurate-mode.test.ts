/**
 * Retraining in accurate mode (NLU_ENCODER=use-lite) with a stand-in encoder: the run embeds only
 * what it has not embedded before and says so in its progress, the version records its mode, a
 * rollback restores the mode of the version it returns to, and a server in the default mode
 * neither activates an accurate-mode version nor fails to start when one is active.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryBus } from '../../src/bus/memory';
import { channels, type BusEvent } from '../../src/bus/types';
import { loadModel, trainModel, type IntentModel } from '../../src/nlu/model';
import { embeddingsDir, startNluRuntime, type NluRuntime } from '../../src/nlu/nlu-mode';
import { createParser } from '../../src/nlu/parser';
import { trainForMode } from '../../src/nlu/train-mode';
import type { IntentDefinition } from '../../src/nlu/types';
import type { TrainingRun } from '../../src/protocol/training';
import { createSqliteStorage } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';
import { createModelSwitch } from '../../src/training/model-switch';
import { inlineRunner, workerRunner, type TrainRunner } from '../../src/training/runner';
import { createTrainingService } from '../../src/training/service';
import { standInEncoder } from '../helpers/stand-in-encoder';

const intents: IntentDefinition[] = [
  { name: 'refund_status', category: 'refund', label: 'Refund', examples: ['where is my refund', 'refund not here', 'refund status', 'my refund is late', 'when is my refund coming'] },
  { name: 'greeting', category: 'smalltalk', label: 'Hi', examples: ['hello', 'hi there', 'good morning', 'hey', 'hiya'] },
];
const examples = intents.flatMap((d) => d.examples.map((text) => ({ text, intent: d.name, category: d.category })));

describe('training in accurate mode', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'training-accurate-'));
    storage = createSqliteStorage({ file: path.join(dir, 'chat.db') });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A node: accurate when `encoder` is given, else the default mode; over the shared storage. */
  async function node(opts: { encoder?: ReturnType<typeof standInEncoder>; runner?: TrainRunner } = {}) {
    const bus = createMemoryBus();
    const runtime: NluRuntime = opts.encoder ? await startNluRuntime({ mode: 'use-lite', dataDir: dir, encoder: opts.encoder }) : { mode: 'default', loadOptions: {} };
    const base: IntentModel = runtime.sentences ? await trainForMode(examples, { sentences: runtime.sentences }) : trainModel(examples);
    const parser = createParser({ model: base, threshold: 0.5 });
    const errors: unknown[] = [];
    const logger = { info: () => undefined, error: (obj: object) => void errors.push(obj) };
    const switcher = createModelSwitch({ store: storage.training, bus, target: parser, baseModel: base, loadModel: (a) => loadModel(a, runtime.loadOptions), pollMs: 0, logger });
    await switcher.start();
    const service = createTrainingService({
      storage,
      bus,
      intents,
      activeModel: () => parser.model,
      switcher,
      mask: (t) => t,
      globalThreshold: 0.5,
      runner: opts.runner ?? inlineRunner,
      loadOptions: runtime.loadOptions,
      ...(runtime.sentences ? { accurate: { sentences: runtime.sentences, dir: embeddingsDir(dir) } } : {}),
    });
    await service.start();
    const runs: TrainingRun[] = [];
    await bus.subscribe(channels.models, (e: BusEvent) => {
      if (e.type === 'training.run') runs.push(e.run as TrainingRun);
    });
    return { service, parser, runs, errors, switcher };
  }

  async function label(text: string, intent: string) {
    await storage.training.addTriageItems([{ text, reason: 'imported', dedupeKey: `import:${text}` }]);
    const item = (await storage.training.listTriage({ status: 'all' })).find((i) => i.text === text)!;
    await storage.training.setLabels([{ itemId: item.id, intent, isNewIntent: false, category: 'refund', labelledBy: 'op-1' }]);
  }

  async function retrain(n: Awaited<ReturnType<typeof node>>): Promise<string> {
    const run = await n.service.startRun('op-1');
    for (let i = 0; i < 2000 && n.service.run(run.id)!.status === 'running'; i++) await new Promise((r) => setTimeout(r, 5));
    const done = n.service.run(run.id)!;
    expect(done).toMatchObject({ status: 'succeeded' });
    return done.versionId!;
  }

  it('embeds only the new example, shows it in the run progress, and stores the mode with the version', async () => {
    const encoder = standInEncoder();
    const n = await node({ encoder });
    expect(encoder.embedded).toHaveLength(examples.length);
    await label('has my refund been sent yet', 'refund_status');
    const versionId = await retrain(n);
    expect(encoder.embedded.slice(examples.length)).toEqual(['has my refund been sent yet']);
    const embedding = n.runs.filter((r) => r.embedding).map((r) => r.embedding);
    expect(embedding.at(-1)).toEqual({ done: 1, total: 1 });
    // embedding is the first part of the progress, training the rest
    const firstTraining = n.runs.findIndex((r) => r.status === 'running' && !r.embedding && r.progress > 0);
    const lastEmbedding = n.runs.map((r) => r.embedding !== undefined).lastIndexOf(true);
    expect(lastEmbedding).toBeLessThan(firstTraining);
    const version = await n.service.version(versionId);
    expect(version.metrics.mode).toBe('use-lite');
    await n.service.activate(versionId, 'op-1');
    expect(n.parser.model.meta.encoder).toBe('use-lite');
  });

  it('trains in a worker thread that reads the embeddings the server wrote', async () => {
    const encoder = standInEncoder();
    const n = await node({ encoder, runner: workerRunner });
    await label('has my refund been sent yet', 'refund_status');
    const versionId = await retrain(n);
    expect((await n.service.version(versionId)).metrics.mode).toBe('use-lite');
    expect(encoder.embedded.slice(examples.length)).toEqual(['has my refund been sent yet']);
  });

  it('a rollback restores the mode of the version it returns to', async () => {
    const plain = await node();
    const before = await retrain(plain);
    expect((await plain.service.version(before)).metrics.mode).toBe('default');
    await plain.service.activate(before, 'op-1');
    // the server restarts with NLU_ENCODER=use-lite and retrains
    const accurate = await node({ encoder: standInEncoder() });
    expect(accurate.parser.model.meta.encoder).toBeUndefined();
    const after = await retrain(accurate);
    await accurate.service.activate(after, 'op-1');
    expect(accurate.parser.model.meta.encoder).toBe('use-lite');
    expect(await accurate.service.rollback('op-1')).toBe(before);
    expect(accurate.parser.model.meta.encoder).toBeUndefined();
    expect(accurate.parser.parse('where is my refund').intent.name).toBe('refund_status');
  });

  it('a default-mode server refuses to activate an accurate-mode version, and starts with its own model when one is active', async () => {
    const accurate = await node({ encoder: standInEncoder() });
    const versionId = await retrain(accurate);
    const plain = await node();
    await expect(plain.service.activate(versionId, 'op-1')).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/use-lite/) });
    expect(await storage.training.activeVersion()).toBeUndefined();
    await accurate.service.activate(versionId, 'op-1');
    // restarted without the encoder: it answers with the model it has and says why
    const restarted = await node();
    expect(restarted.parser.model.meta.encoder).toBeUndefined();
    expect(restarted.parser.parse('where is my refund').intent.name).toBe('refund_status');
    expect(restarted.errors).toEqual([expect.objectContaining({ versionId })]);
  });
});
