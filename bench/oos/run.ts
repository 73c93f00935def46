/**
 * The frame every out-of-scope experiment shares: train and measure once on CLINC150's train with
 * all 150 intents (val + oos_val), once with 15 intents held out (their val queries play out of
 * scope), print one table and write `bench/results/<results>`. Never touches test.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LabelledExample } from '../../src/nlu/types';
import { loadClinc150 } from '../lib/datasets';
import { heldOutIntents, oosTable, type OosRow } from '../lib/oos-metrics';
import { OOS_RECALL_FLOOR } from '../lib/threshold';

export interface OosMeasure {
  rows: Record<string, OosRow>;
  /** Anything else worth keeping, e.g. accuracy per candidate. */
  [extra: string]: unknown;
}

export interface OosExperiment {
  /** File name under bench/results. @example 'oos-stability.json' */
  results: string;
  /** Trains on `train` and scores each candidate; `heldOut` are the held-out intents' val texts, when measuring them. */
  evaluate(train: LabelledExample[], inScope: LabelledExample[], oosVal: string[], heldOut?: string[]): OosMeasure;
  /** First column's heading. Default 'score'. */
  first?: string;
  /** A line printed above the table, and fields written beside the results (e.g. settings). */
  heading?: string;
  extra?(): Record<string, unknown>;
}

/** @example runOosExperiment({ results: 'oos-stability.json', evaluate }) */
export function runOosExperiment(x: OosExperiment): void {
  const d = loadClinc150();
  const oosVal = d.oosVal.map((e) => e.text);
  process.stderr.write('training on train (all 150 intents)…\n');
  const full = x.evaluate(d.train, d.val, oosVal);
  const h = heldOutIntents(d);
  process.stderr.write('training on train without 15 intents…\n');
  const held = x.evaluate(h.train, h.inScope, oosVal, h.outOfScope);
  process.stdout.write((x.heading ? `${x.heading}\n` : '') + oosTable(OOS_RECALL_FLOOR, full.rows, held.rows, x.first));
  const out = path.join(__dirname, '..', 'results', x.results);
  fs.writeFileSync(out, JSON.stringify({ floor: OOS_RECALL_FLOOR, ...x.extra?.(), full, heldOutIntents: { intents: h.held, ...held } }, null, 2) + '\n');
  process.stdout.write(`results in ${out}\n`);
}
