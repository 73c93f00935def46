import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EncoderUnavailableError, loadModel } from '../../src/nlu/model';
import { startNluRuntime } from '../../src/nlu/nlu-mode';
import { openSentenceCache } from '../../src/nlu/sentence-cache';
import { trainForMode } from '../../src/nlu/train-mode';
import type { LabelledExample } from '../../src/nlu/types';
import { standInEncoder } from '../helpers/stand-in-encoder';

const fakeEncoder = standInEncoder;

const train: LabelledExample[] = [
  ...['where is my refund', 'refund not arrived', 'when do i get my money back', 'refund status please'].map((text) => ({ text, intent: 'refund' })),
  ...['my card was stolen', 'someone took my card', 'lost card block it', 'card missing'].map((text) => ({ text, intent: 'card' })),
];
const probes = ['has my refund come', 'i think my card is gone', 'hello there'];

describe('accurate mode', () => {
  it('round-trips save and load with identical predictions and keeps its mode', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emb-'));
    const cache = openSentenceCache({ encoder: fakeEncoder(), dir });
    const model = await trainForMode(train, { seed: 1, sentences: cache });
    expect(model.meta.encoder).toBe('use-lite');
    await model.prepare!(probes);
    const json = JSON.parse(JSON.stringify(model.toJSON()));
    // a new process: a fresh cache over the same folder
    const again = openSentenceCache({ encoder: fakeEncoder(), dir });
    const back = loadModel(json, { sentences: (name) => (name === 'use-lite' ? again : undefined) });
    await back.prepare!(probes);
    expect(back.meta.encoder).toBe('use-lite');
    for (const t of [...probes, ...train.map((e) => e.text)]) {
      expect(back.rank(t)).toEqual(model.rank(t));
      expect(back.scope!(t)).toEqual(model.scope!(t));
    }
  });

  it('embeds only texts it has not embedded before, across restarts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emb-'));
    const first = fakeEncoder();
    await trainForMode(train, { seed: 1, sentences: openSentenceCache({ encoder: first, dir }) });
    expect(first.embedded).toHaveLength(train.length);
    const second = fakeEncoder();
    const progress: [number, number][] = [];
    await trainForMode([...train, { text: 'a brand new refund example', intent: 'refund' }], {
      seed: 1,
      sentences: openSentenceCache({ encoder: second, dir }),
      onEmbedding: (done, total) => progress.push([done, total]),
    });
    expect(second.embedded).toEqual(['a brand new refund example']);
    expect(progress).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('refuses to load an accurate-mode model where the encoder is unavailable', async () => {
    const model = await trainForMode(train, { seed: 1, sentences: openSentenceCache({ encoder: fakeEncoder() }) });
    expect(() => loadModel(JSON.parse(JSON.stringify(model.toJSON())))).toThrow(EncoderUnavailableError);
  });

  it('falls back to the default mode with a logged warning when the optional packages are missing', async () => {
    const warn = jest.fn();
    const missing = (id: string): never => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
    };
    const rt = await startNluRuntime({ mode: 'use-lite', dataDir: os.tmpdir(), logger: { warn, info: jest.fn() }, load: missing });
    expect(rt.mode).toBe('default');
    expect(rt.sentences).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ requested: 'use-lite', reason: expect.stringMatching(/@energetic-ai\/embeddings/) }), expect.stringMatching(/running the default mode/));
  });

  it('runs the default mode without loading anything when asked for it', async () => {
    const load = jest.fn();
    expect(await startNluRuntime({ mode: 'default', dataDir: os.tmpdir(), load })).toEqual({ mode: 'default', loadOptions: {} });
    expect(load).not.toHaveBeenCalled();
  });
});
