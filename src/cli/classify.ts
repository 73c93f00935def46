/** `classify [--model MODEL]`: one text per stdin line → one JSON parse result per line on stdout. */
import readline from 'node:readline';
import { loadConfig } from '../config';
import { extractEntities } from '../nlu/entities';
import { createParser } from '../nlu/parser';
import { loadIntents } from '../nlu/intents';
import { intentsSpeller } from '../nlu/intents-speller';
import { parseCommandArgs, type CliIo } from './args';
import { modelForCli } from './model-source';

const HELP = `Usage: support-bot classify [--model MODEL] [--threshold T] [--scope-threshold S] [--show-scope]

Reads one text per line from stdin and prints one JSON line per input:
{"text","intent":{"name","category","confidence"},"ranking":[...],"entities":[],"lowConfidence":bool}

  --model MODEL   model JSON written by "train" (default: the version operators activated,
                  else the model trained from ./intents, cached in DATA_DIR/models)
  --threshold T   lowConfidence below this top confidence (default NLU_CONFIDENCE_THRESHOLD or 0.5)
  --scope-threshold S
                  lowConfidence also below this out-of-scope score (default NLU_SCOPE_THRESHOLD or 0, off)
  --show-scope    add "scopeScore" (the model's out-of-scope score) to each line, to choose S

Empty lines are skipped. Nothing but the JSON lines is written to stdout.
`;

export async function runClassify(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, io, HELP, ['model', 'threshold', 'scope-threshold'], ['show-scope']);
  if (typeof args === 'number') return args;
  const threshold = Number(args.values.threshold ?? process.env.NLU_CONFIDENCE_THRESHOLD ?? 0.5);
  const scopeThreshold = Number(args.values['scope-threshold'] ?? process.env.NLU_SCOPE_THRESHOLD ?? 0);
  for (const [flag, v] of [['--threshold', threshold], ['--scope-threshold', scopeThreshold]] as const) {
    if (!Number.isFinite(v) || v < 0 || v > 1) {
      io.stderr.write(`classify: ${flag} must be a number from 0 to 1\n`);
      return 64;
    }
  }
  const { model } = await modelForCli(args.values.model);
  const orderIdPattern = loadConfig().orderIdPattern.search;
  // The same reading as the app: typos corrected to the intents' vocabulary first.
  const correct = intentsSpeller(loadIntents(loadConfig().intentsDir)).correct;
  const parser = createParser({ model, threshold, scopeThreshold, correct, extractEntities: (t) => extractEntities(t, { orderIdPattern }) });
  const rl = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const text = line.trim();
    if (!text) continue;
    const result = args.flags.has('show-scope') ? parser.parseWithScope(text) : parser.parse(text);
    io.stdout.write(JSON.stringify(result) + '\n');
  }
  return 0;
}
