import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chooseThreshold } from '../../bench/lib/threshold';

// Runs the NLU benchmark on 5 intents only (seconds); the full benchmark never runs in jest.
describe('bench/nlu.ts --quick', () => {
  it('writes results with the expected shape and sane figures', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'nlu.json');
    const root = path.resolve(__dirname, '../..');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/nlu.ts', '--quick', '--out', out, '--peers', 'ours,bayes', '--shots', '4', '--draws', '2'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\| classifier \|/);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(json.machine).toEqual(expect.objectContaining({ cpu: expect.any(String), node: process.version, date: expect.any(String) }));
    expect(json.banking77.intents).toBe(5);
    expect(json.clinc150.intents).toBe(5);
    for (const ds of ['banking77', 'clinc150']) {
      const names = Object.keys(json[ds].results);
      expect(names).toHaveLength(2);
      for (const name of names) {
        const m = json[ds].results[name];
        for (const k of ['accuracy', 'macroF1', 'ece']) {
          expect(m[k]).toBeGreaterThanOrEqual(0);
          expect(m[k]).toBeLessThanOrEqual(1);
        }
        expect(m.trainSeconds).toBeGreaterThan(0);
        expect(m.classifyP99Ms).toBeGreaterThanOrEqual(m.classifyP50Ms);
      }
    }
    const ours = json.banking77.results[Object.keys(json.banking77.results).find((n) => n.startsWith('ours'))!];
    expect(ours.accuracy).toBeGreaterThan(0.8);
    const clincOurs = json.clinc150.results[Object.keys(json.clinc150.results).find((n) => n.startsWith('ours'))!];
    expect(clincOurs.oosRecall).toBeGreaterThanOrEqual(0);
    expect(clincOurs.inScopeAccuracy).toBeGreaterThan(0.5);
    expect(r.stdout).toMatch(/B77 4-shot mean ± std \(of 2\)/);
    expect(json.fewShot).toMatchObject({ shots: [4], draws: 2 });
    for (const byK of Object.values(json.fewShot.results) as Record<string, { accuracies: number[]; mean: number; std: number }>[]) {
      expect(byK['4']!.accuracies).toHaveLength(2);
      expect(byK['4']!.mean).toBeCloseTo((byK['4']!.accuracies[0]! + byK['4']!.accuracies[1]!) / 2, 10);
      expect(byK['4']!.std).toBeGreaterThanOrEqual(0);
    }
  }, 150_000);
});

describe('CLINC out-of-scope threshold rule', () => {
  const val = [
    { text: 'a', intent: 'x' },
    { text: 'b', intent: 'x' },
    { text: 'c', intent: 'y' },
    { text: 'd', intent: 'y' },
  ];
  // three right (0.9, 0.8, 0.5), one wrong (0.4)
  const preds = [
    { name: 'x', confidence: 0.9 },
    { name: 'x', confidence: 0.8 },
    { name: 'y', confidence: 0.5 },
    { name: 'x', confidence: 0.4 },
  ];
  const oos = [0.2, 0.3, 0.45, 0.6, 0.85].map((confidence) => ({ name: 'x', confidence }));

  it('takes the lowest threshold that rejects the required share of out-of-scope queries', () => {
    // 60 % of 5 = 3 rejected needs a threshold above 0.45; the best in-scope accuracy then is 3/4 at 0.5
    expect(chooseThreshold(val, preds, oos, 0.6)).toEqual({ threshold: 0.5, valInScopeAccuracy: 0.75, valOosRecall: 0.6 });
    // a stricter floor costs in-scope accuracy
    expect(chooseThreshold(val, preds, oos, 0.8)).toEqual({ threshold: 0.8, valInScopeAccuracy: 0.5, valOosRecall: 0.8 });
  });

  it("thresholds the model's out-of-scope score where it has one, not its confidence", () => {
    // same confidences, but the scope scores put the wrong prediction (0.4) lowest and the out-of-scope queries below every in-scope one
    const scoped = preds.map((p, i) => ({ ...p, scopeScore: [0.7, 0.6, 0.5, 0.1][i]! }));
    const oosScoped = oos.map((p, i) => ({ ...p, scopeScore: [0.05, 0.1, 0.2, 0.3, 0.4][i]! }));
    expect(chooseThreshold(val, scoped, oosScoped, 0.6)).toEqual({ threshold: 0.3, valInScopeAccuracy: 0.75, valOosRecall: 0.6 });
    expect(chooseThreshold(val, scoped, oosScoped, 1)).toEqual({ threshold: 0.5, valInScopeAccuracy: 0.75, valOosRecall: 1 });
  });

  it('pays for rejecting every out-of-scope query with in-scope ones', () => {
    expect(chooseThreshold(val, preds, oos, 1)).toEqual({ threshold: 0.9, valInScopeAccuracy: 0.25, valOosRecall: 1 });
  });
});
