import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Runs the NLU benchmark on 5 intents only (seconds); the full benchmark never runs in jest.
describe('bench/nlu.ts --quick', () => {
  it('writes results with the expected shape and sane figures', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'nlu.json');
    const root = path.resolve(__dirname, '../..');
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/nlu.ts', '--quick', '--out', out, '--peers', 'ours,bayes'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
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
  });
});
