/** The NLU command-line contract (issue 5): train → classify → eval on a BANKING77-style CSV. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../src/cli/args';
import { runClassify } from '../../src/cli/classify';
import { runEval } from '../../src/cli/eval';
import { runTrain } from '../../src/cli/train';
import { memoryIo } from '../helpers/cli-io';

function io(stdinText = ''): CliIo & { out(): string; err(): string } {
  const m = memoryIo(stdinText);
  return { ...m.io, out: m.out, err: m.err };
}

const rows: [string, string][] = [
  ...['where is my refund', 'refund still not here', 'when do I get my money back', 'my refund is late', 'refund status please', 'has my refund been sent', 'still waiting for the refund', 'refund not arrived yet'].map((t): [string, string] => [t, 'refund_not_received']),
  ...['my card payment failed', 'card declined when paying', 'the payment did not go through', 'why was my payment refused', 'payment error again', 'could not pay with my card', 'card was rejected at checkout', 'my transfer failed'].map((t): [string, string] => [t, 'declined_card_payment']),
  ...['I lost my card', 'my card was stolen', 'cannot find my card anywhere', 'someone stole my wallet and card', 'card missing', 'lost card what do I do', 'my card got stolen yesterday', 'I think I lost my card'].map((t): [string, string] => [t, 'lost_or_stolen_card']),
];

describe('cli train / classify / eval', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nlu-cli-'));
  const csv = path.join(dir, 'train.csv');
  const modelFile = path.join(dir, 'out', 'model.json');
  fs.writeFileSync(csv, 'text,category\n' + rows.map(([t, c]) => `"${t}",${c}`).join('\n') + '\n');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('train reads text,category CSV and writes a model, quietly when stderr is not a terminal', async () => {
    const t = io();
    expect(await runTrain(['--data', csv, '--out', modelFile], t)).toBe(0);
    const json = JSON.parse(fs.readFileSync(modelFile, 'utf8'));
    expect(json.meta.intents).toEqual(['declined_card_payment', 'lost_or_stolen_card', 'refund_not_received']);
    // the intent name stands in for the missing category
    expect(json.meta.categories.lost_or_stolen_card).toBe('lost_or_stolen_card');
    expect(t.out()).toBe('');
    expect(t.err()).not.toContain('\r'); // no progress bar off a TTY: one summary line
    expect(t.err()).not.toContain('\u001b[');
    expect(t.err().trim().split('\n')).toHaveLength(1);
  });

  it('train draws a progress bar on a terminal', async () => {
    const t = { ...io(), isTTY: true };
    expect(await runTrain(['--data', csv, '--out', path.join(dir, 'tty.json')], t)).toBe(0);
    expect(t.err()).toMatch(/\rtraining \[#+\] 100%/);
  });

  it('classify prints one NLU-contract JSON line per input line', async () => {
    const t = io('my refund has not arrived\n\nsomeone stole my card\n');
    expect(await runClassify(['--model', modelFile], t)).toBe(0);
    const lines = t.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]).sort()).toEqual(['entities', 'intent', 'lowConfidence', 'ranking', 'text']);
    expect(lines[0].intent.name).toBe('refund_not_received');
    expect(lines[1].intent.name).toBe('lost_or_stolen_card');
    expect(lines[1].ranking[0]).toEqual(lines[1].intent);
  });

  it('classify --scope-threshold flags a text unlike the training data', async () => {
    const t = io('quartz xylophone zebra\n');
    expect(await runClassify(['--model', modelFile, '--threshold', '0', '--scope-threshold', '0.9'], t)).toBe(0);
    expect(JSON.parse(t.out()).lowConfidence).toBe(true);
    const shown = io('quartz xylophone zebra\nwhere is my refund\n');
    expect(await runClassify(['--model', modelFile, '--show-scope'], shown)).toBe(0);
    const [outside, inside] = shown.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(outside.scopeScore).toBeLessThan(inside.scopeScore);
    const bad = io('x\n');
    expect(await runClassify(['--model', modelFile, '--scope-threshold', '2'], bad)).toBe(64);
    expect(bad.err()).toMatch(/--scope-threshold must be a number from 0 to 1/);
  });

  it('eval prints accuracy, macro-F1, per-intent scores and the confusion matrix, and writes the HTML heatmap', async () => {
    const html = path.join(dir, 'report.html');
    const t = io();
    expect(await runEval(['--data', csv, '--model', modelFile, '--html', html], t)).toBe(0);
    const r = JSON.parse(t.out());
    expect(r.accuracy).toBeGreaterThan(0.9);
    expect(r.macroF1).toBeGreaterThan(0.9);
    expect(Object.keys(r.perIntent).sort()).toEqual(['declined_card_payment', 'lost_or_stolen_card', 'refund_not_received']);
    expect(r.perIntent.refund_not_received).toEqual(expect.objectContaining({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number) }));
    expect(r.confusion.labels).toHaveLength(3);
    expect(r.confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(rows.length);
    expect(fs.readFileSync(html, 'utf8')).toMatch(/<svg|<table/);
  });
});
