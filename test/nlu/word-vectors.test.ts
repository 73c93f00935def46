import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadModel, trainModel } from '../../src/nlu/model';
import type { LabelledExample } from '../../src/nlu/types';
import {
  averageVector,
  decodeVectorTable,
  defaultTablePath,
  encodeVectorTable,
  GLOVE_TABLE,
  loadGloveTable,
  VectorTableError,
} from '../../src/nlu/word-vectors';

const cosine = (a: Float32Array, b: Float32Array): number => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return ab / Math.sqrt(aa * bb);
};

describe('the shipped GloVe table', () => {
  it('loads, matches its checksum and holds 50,000 words of 100 dimensions', () => {
    const file = defaultTablePath();
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(GLOVE_TABLE.sha256);
    const table = loadGloveTable();
    expect(table).toMatchObject({ size: 50_000, dims: 100, sha256: GLOVE_TABLE.sha256 });
    expect(table.row('the')).toBe(0);
    expect(table.row('refund')).toBeGreaterThan(0);
    expect(table.row('notaword')).toBe(-1);
  });

  it('knows synonyms: cash is nearer money than car', () => {
    const t = loadGloveTable();
    const v = (w: string) => averageVector(t, [w], 1, 300);
    expect(cosine(v('cash'), v('money'))).toBeGreaterThan(0.6);
    expect(cosine(v('cash'), v('money'))).toBeGreaterThan(cosine(v('cash'), v('car')) + 0.2);
  });

  it('refuses a changed file with a checksum error', () => {
    const bytes = Buffer.from(fs.readFileSync(defaultTablePath()));
    bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) % 256;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'glove-')), 'damaged.bin');
    fs.writeFileSync(file, bytes);
    expect(() => loadGloveTable(file)).toThrow(VectorTableError);
    expect(() => loadGloveTable(file)).toThrow(/checksum mismatch/);
  });
});

describe('the int8 table format', () => {
  it('round-trips words and values within one quantisation step', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        (words, dims, seed) => {
          const rows = words.map((_, i) => Array.from({ length: dims }, (_, d) => Math.sin(seed + i * 31 + d * 7) * 3));
          const bytes = encodeVectorTable(words, rows, dims);
          expect(encodeVectorTable(words, rows, dims).equals(bytes)).toBe(true);
          const t = decodeVectorTable(bytes);
          words.forEach((w, i) => {
            expect(t.row(w)).toBe(i);
            const out = new Float64Array(dims);
            t.addRow(out, i, 1);
            const step = Math.max(...rows[i]!.map(Math.abs)) / 127;
            out.forEach((x, d) => expect(Math.abs(x - rows[i]![d]!)).toBeLessThanOrEqual(step / 2 + 1e-6));
          });
        },
      ),
    );
  });

  it('rejects a file that is not a table', () => {
    expect(() => decodeVectorTable(Buffer.from('hello world, not a table'))).toThrow(/bad magic/);
  });
});

describe('word-vector features in the intent model', () => {
  // Two intents whose training texts share no content word (nor a telling character n-gram) with
  // the test texts: only knowing that funds/dollars/payment mean money and truck/vehicle/automobile/
  // driver mean car tells them apart. TF-IDF alone sees nothing it knows and answers one intent for all.
  const train: LabelledExample[] = [
    ...['money', 'money please', 'the money', 'about money', 'money question', 'my money'].map((text) => ({ text, intent: 'money' })),
    ...['car', 'car please', 'the car', 'about car', 'car question', 'my car'].map((text) => ({ text, intent: 'car' })),
  ];
  const unseen: [string, string][] = [
    ['funds', 'money'],
    ['dollars', 'money'],
    ['payment', 'money'],
    ['truck', 'car'],
    ['vehicle', 'car'],
    ['automobile', 'car'],
    ['driver', 'car'],
  ];
  const top = (m: ReturnType<typeof trainModel>, text: string) => m.rank(text)[0]!.name;

  it('tell apart synonyms never seen in training, which TF-IDF alone cannot', () => {
    const withVectors = trainModel(train, { seed: 1 });
    const tfidfOnly = trainModel(train, { seed: 1, wordVectors: false });
    const right = (m: ReturnType<typeof trainModel>) => unseen.filter(([t, want]) => top(m, t) === want).length;
    expect(right(withVectors)).toBe(unseen.length);
    expect(right(tfidfOnly)).toBeLessThanOrEqual(unseen.length - 3);
    expect(unseen.some(([t]) => top(withVectors, t) !== top(tfidfOnly, t))).toBe(true);
  });

  it('are saved with the model and give identical predictions after loading', () => {
    const m = trainModel(train, { seed: 1 });
    const json = JSON.parse(JSON.stringify(m.toJSON())) as { dense: unknown[] };
    expect(json.dense).toEqual([expect.objectContaining({ kind: 'glove', sha256: GLOVE_TABLE.sha256, dims: 100 })]);
    const back = loadModel(json);
    for (const [t] of unseen) expect(back.rank(t)).toEqual(m.rank(t));
  });

  it('refuses a model made with a different table', () => {
    const json = JSON.parse(JSON.stringify(trainModel(train, { seed: 1 }).toJSON())) as { dense: { sha256: string }[] };
    json.dense[0]!.sha256 = 'f'.repeat(64);
    expect(() => loadModel(json)).toThrow(/word-vector table/);
  });
});
