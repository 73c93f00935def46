/** `train --data FILE --out MODEL`: train an intent model from a CSV or JSONL file. */
import fs from 'node:fs';
import path from 'node:path';
import { readLabelledFile } from '../nlu/dataset-file';
import { trainModel } from '../nlu/model';
import { parseCommandArgs, progressBar, UsageError, type CliIo } from './args';

const HELP = `Usage: support-bot train --data FILE --out MODEL [--seed N]

Trains an intent model and writes it as JSON.

  --data FILE   training data: CSV with a header row (text in the first column, intent in the
                second, or columns named text,intent[,category]) or JSON Lines
                {"text","intent","category"?} (.jsonl)
  --out MODEL   where to write the model JSON
  --seed N      seed for the held-out split and shuffling (default 1)

A progress bar is drawn on stderr when it is a terminal; a one-line summary always goes to stderr.
`;

export async function runTrain(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, io, HELP, ['data', 'out', 'seed']);
  if (typeof args === 'number') return args;
  const { data, out } = args.values;
  if (!data || !out) {
    io.stderr.write(`train: --data and --out are required\n\n${HELP}`);
    return 64;
  }
  const seed = args.values.seed === undefined ? 1 : Number(args.values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
  const examples = readLabelledFile(data);
  const bar = progressBar(io, 'training');
  const started = Date.now();
  const model = trainModel(examples, { seed, onProgress: (f) => bar.update(f) });
  bar.done();
  const ms = Date.now() - started;
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(model.toJSON()));
  const m = model.meta.metrics;
  const acc = m?.heldOutAccuracy === undefined ? 'n/a' : `${(m.heldOutAccuracy * 100).toFixed(1)}%`;
  io.stderr.write(
    `trained ${model.meta.id}: ${examples.length} examples, ${model.meta.intents.length} intents in ${(ms / 1000).toFixed(1)} s; ` +
      `held-out accuracy ${acc} (n=${m?.heldOut ?? 0}), temperature ${model.meta.temperature.toFixed(3)} -> ${out}\n`,
  );
  return 0;
}
