/** `import --file F`: transcripts into the triage inbox, masked first, duplicates removed. */
import fs from 'node:fs';
import { loadConfig } from '../config';
import { categoryMap, loadIntents } from '../nlu/intents';
import { maskSensitive } from '../privacy';
import { createStorage } from '../storage/create';
import { importTranscripts } from '../training/import';
import { parseImportFile } from '../training/import-file';
import { parseCommandArgs, type CliIo } from './args';

const HELP = `Usage: support-bot import --file FILE

Adds customer messages from another system to the triage inbox (reason "imported"), where
operators label them before anything reaches training.

  --file FILE   JSON Lines, one {"text", "intent"?} per line (.jsonl), or CSV with a header row
                naming a "text" column and optionally an "intent" column (.csv)

Card numbers, security codes and IBANs are masked before anything is stored. A text already in
the inbox (same words, ignoring case and spacing) or repeated in the file is added once. A given
intent is shown to operators as the suggested label; it is not a label until someone confirms it.
Uses the server's database (DATA_DIR or DATABASE_URL).
`;

export async function runImport(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, io, HELP, ['file']);
  if (typeof args === 'number') return args;
  const file = args.values.file;
  if (!file) {
    io.stderr.write(`import: --file is required\n\n${HELP}`);
    return 64;
  }
  const rows = parseImportFile(file, fs.readFileSync(file, 'utf8'));
  const config = loadConfig();
  const categories = categoryMap(loadIntents(config.intentsDir));
  const storage = await createStorage(config);
  try {
    const r = await importTranscripts(storage.training, rows, {
      mask: (text) => {
        const m = maskSensitive(text, { orderIdPattern: config.orderIdPattern.search });
        return { text: m.text, masked: m.found.length > 0 };
      },
      categoryOf: (intent) => categories[intent] ?? intent,
    });
    io.stdout.write(
      `imported ${r.added} of ${r.read} messages into the triage inbox ` +
        `(${r.duplicates} duplicates skipped, ${r.empty} empty, ${r.masked} with sensitive data masked)\n`,
    );
    return 0;
  } finally {
    await storage.close();
  }
}
