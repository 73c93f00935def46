/** `eval --data FILE [--model MODEL] [--html OUT.html]`: score a model on labelled data. */
import fs from 'node:fs';
import { readLabelledFile } from '../nlu/dataset-file';
import { renderEvalHtml } from '../nlu/eval-report';
import { evaluate } from '../nlu/evaluate';
import { modelForCli } from './model-source';
import { parseCommandArgs, type CliIo } from './args';

const HELP = `Usage: support-bot eval --data FILE [--model MODEL] [--html OUT.html]

Classifies every example of FILE (CSV or JSONL, as for "train") and prints JSON:
{accuracy, macroF1, ece, count, perIntent:{name:{precision,recall,f1,support}}, confusion:{labels,matrix},
 reliability:[{lower,upper,count,accuracy,confidence}]}   (reliability: the non-empty confidence bins of ECE)

  --data FILE     labelled examples
  --model MODEL   model JSON (default: the version operators activated, else the model
                  trained from ./intents, cached in DATA_DIR/models)
  --html OUT      also write a self-contained HTML report with a confusion-matrix heatmap
                  and a reliability diagram (is it right as often as it is sure?)
`;

export async function runEval(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, io, HELP, ['data', 'model', 'html']);
  if (typeof args === 'number') return args;
  if (!args.values.data) {
    io.stderr.write(`eval: --data is required\n\n${HELP}`);
    return 64;
  }
  const examples = readLabelledFile(args.values.data);
  const { model } = await modelForCli(args.values.model);
  const report = evaluate(
    examples.map((e) => {
      const top = model.rank(e.text)[0];
      return { expected: e.intent, predicted: top?.name ?? '', confidence: top?.confidence ?? 0 };
    }),
  );
  io.stdout.write(JSON.stringify({ model: model.meta.id, ...report }) + '\n');
  if (args.values.html) {
    fs.writeFileSync(args.values.html, renderEvalHtml(report, `Evaluation of ${model.meta.id} on ${args.values.data}`));
    io.stderr.write(`wrote ${args.values.html}\n`);
  }
  return 0;
}
