import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemoryBus } from '../../src/bus/memory';
import { channels, type BusEvent } from '../../src/bus/types';
import { loadModel, trainModel } from '../../src/nlu/model';
import { createParser } from '../../src/nlu/parser';
import type { IntentDefinition } from '../../src/nlu/types';
import { createSqliteStorage } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';
import { createModelSwitch } from '../../src/training/model-switch';
import type { TrainRunner } from '../../src/training/runner';
import { createTrainingService } from '../../src/training/service';
import { trainJob } from '../../src/training/train-job';

const intents: IntentDefinition[] = [
  { name: 'refund_status', category: 'refund', label: 'Refund', examples: ['where is my refund', 'refund not here', 'refund status', 'my refund is late', 'when is my refund coming'] },
  { name: 'greeting', category: 'smalltalk', label: 'Hi', examples: ['hello', 'hi there', 'good morning', 'hey', 'hiya'] },
];

/** A runner the test releases by hand; it reports half-way progress first. */
function heldRunner() {
  let release: () => void = () => undefined;
  let fail: ((err: Error) => void) | undefined;
  let started: () => void = () => undefined;
  const running = new Promise<void>((r) => (started = r));
  const runner: TrainRunner = (job, onProgress) =>
    new Promise((resolve, reject) => {
      started();
      onProgress(0.5);
      release = () => resolve(trainJob(job, () => undefined));
      fail = reject;
    });
  return { runner, running, release: () => release(), fail: (e: Error) => fail?.(e) };
}

describe('training service', () => {
  let dir: string;
  let storage: Storage;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'training-service-'));
    storage = createSqliteStorage({ file: path.join(dir, 'chat.db') });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function setup(runner: TrainRunner) {
    const bus = createMemoryBus();
    const base = trainModel(intents.flatMap((d) => d.examples.map((text) => ({ text, intent: d.name, category: d.category }))));
    const parser = createParser({ model: base, threshold: 0.5 });
    const switcher = createModelSwitch({ store: storage.training, bus, target: parser, baseModel: base, loadModel, pollMs: 0 });
    await switcher.start();
    const service = createTrainingService({ storage, bus, intents, activeModel: () => parser.model, switcher, mask: (t) => t, globalThreshold: 0.5, runner });
    await service.start();
    const events: BusEvent[] = [];
    await bus.subscribe(channels.models, (e) => events.push(e));
    return { service, events };
  }

  const settled = () => new Promise((r) => setImmediate(r));

  it('refuses a second retrain while one runs, publishes progress, and stores the version when done', async () => {
    const held = heldRunner();
    const { service, events } = await setup(held.runner);
    const run = await service.startRun('op-1');
    await held.running;
    await expect(service.startRun('op-2')).rejects.toMatchObject({ kind: 'in_progress' });
    expect(service.run(run.id)).toMatchObject({ status: 'running' });
    expect(service.run(run.id)!.progress).toBeGreaterThan(0.4);
    expect(events.some((e) => e.type === 'training.run' && (e.run as { progress: number }).progress > 0.4)).toBe(true);

    held.release();
    for (let i = 0; i < 50 && service.run(run.id)!.status === 'running'; i++) await settled();
    const done = service.run(run.id)!;
    expect(done).toMatchObject({ status: 'succeeded', progress: 1 });
    const version = await service.version(done.versionId!);
    expect(version).toMatchObject({ author: 'op-1', active: false });
    // nothing new was labelled: the baseline is the candidate itself, so no change
    expect(version.metrics.delta).toEqual({ accuracy: 0, macroF1: 0 });
    // and a new run may start
    await expect(service.startRun('op-2')).resolves.toMatchObject({ status: 'running' });
  });

  it('reports a failed retrain with its reason and stores nothing', async () => {
    const held = heldRunner();
    const { service } = await setup(held.runner);
    const run = await service.startRun('op-1');
    await held.running;
    held.fail(new Error('worker ran out of memory'));
    for (let i = 0; i < 50 && service.run(run.id)!.status === 'running'; i++) await settled();
    expect(service.run(run.id)).toMatchObject({ status: 'failed', error: 'worker ran out of memory' });
    expect(await service.listVersions()).toEqual([]);
  });
});
