/** Loaders for the public benchmark data sets in ../shared/datasets. */
import fs from 'node:fs';
import path from 'node:path';
import type { LabelledExample } from '../../src/nlu/types';
import { parseCsv } from '../../src/nlu/dataset-file';

/** `DATASETS_DIR`, else the nearest `shared/datasets` above the checkout (main sits one level below it, worktrees two). */
export const DATASETS_DIR = process.env.DATASETS_DIR ?? findUp(path.resolve(__dirname, '../..'), path.join('shared', 'datasets'));

function findUp(from: string, rel: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, rel))) return path.join(dir, rel);
    if (path.dirname(dir) === dir) return path.resolve(from, '..', rel);
  }
}

export function loadBanking77(dir = DATASETS_DIR): { train: LabelledExample[]; test: LabelledExample[] } {
  const read = (f: string): LabelledExample[] =>
    parseCsv(fs.readFileSync(path.join(dir, 'banking77', f), 'utf8'));
  return { train: read('train.csv'), test: read('test.csv') };
}

export interface Clinc150 {
  train: LabelledExample[];
  val: LabelledExample[];
  test: LabelledExample[];
  oosVal: LabelledExample[];
  oosTest: LabelledExample[];
}

export function loadClinc150(dir = DATASETS_DIR): Clinc150 {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'clinc150', 'data_full.json'), 'utf8')) as Record<
    string,
    [string, string][]
  >;
  const conv = (key: string): LabelledExample[] => (raw[key] ?? []).map(([text, intent]) => ({ text, intent }));
  return {
    train: conv('train'),
    val: conv('val'),
    test: conv('test'),
    oosVal: conv('oos_val').map((e) => ({ ...e, intent: 'out_of_scope' })),
    oosTest: conv('oos_test').map((e) => ({ ...e, intent: 'out_of_scope' })),
  };
}

/** CLINC150 intent → its domain (`clinc150/domains.json`). */
export function loadClincDomains(dir = DATASETS_DIR): Map<string, string> {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'clinc150', 'domains.json'), 'utf8')) as Record<string, string[]>;
  return new Map(Object.entries(raw).flatMap(([domain, intents]) => intents.map((i): [string, string] => [i, domain])));
}
