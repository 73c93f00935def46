/**
 * The real USE lite encoder (optional packages, installed in this repository): loads offline,
 * and an accurate-mode model trained with it restores from its JSON with identical predictions.
 * The other accurate-mode tests use a stand-in (test/helpers/stand-in-encoder.ts) because
 * embedding thousands of texts takes minutes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadModel } from '../../src/nlu/model';
import { startNluRuntime } from '../../src/nlu/nlu-mode';
import { USE_LITE_DIMS } from '../../src/nlu/sentence-encoder';
import { trainForMode } from '../../src/nlu/train-mode';

const train = [
  ...['where is my refund', 'refund not arrived yet', 'when do i get my money back', 'refund status please'].map((text) => ({ text, intent: 'refund' })),
  ...['my card was stolen', 'someone took my card', 'lost my card, block it', 'card missing'].map((text) => ({ text, intent: 'card' })),
];

test('USE lite: embeds offline, paraphrases land closer than unrelated text, and an accurate model round-trips', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'use-lite-'));
  try {
    const rt = await startNluRuntime({ mode: 'use-lite', dataDir });
    expect(rt.mode).toBe('use-lite');
    const cache = rt.sentences!;
    await cache.prepare(['has my money been returned', 'i want my money back', 'what a lovely sunny day']);
    const [a, b, c] = ['has my money been returned', 'i want my money back', 'what a lovely sunny day'].map((t) => cache.lookup(t)!);
    expect(a).toHaveLength(USE_LITE_DIMS);
    const cos = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i]!, 0) / Math.hypot(...x) / Math.hypot(...y);
    expect(cos(a!, b!)).toBeGreaterThan(cos(a!, c!));

    const model = await trainForMode(train, { seed: 1, sentences: cache });
    expect(model.meta.encoder).toBe('use-lite');
    const probes = ['has my money been returned', 'somebody stole my card', 'hello'];
    await model.prepare!(probes);
    const back = loadModel(JSON.parse(JSON.stringify(model.toJSON())), rt.loadOptions);
    for (const t of [...probes, ...train.map((e) => e.text)]) expect(back.rank(t)).toEqual(model.rank(t));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
