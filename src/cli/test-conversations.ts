/** `test-conversations [--dir D] [--only TEXT] [--model M] [--json]`: play the conversation tests against a private copy of the app. */
import path from 'node:path';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { formatSuiteReport } from '../conversation-tests/report';
import { loadConversationFiles, runSuite } from '../conversation-tests/suite';
import { startRunTarget } from '../conversation-tests/target';
import { modelForCli } from './model-source';
import { parseCommandArgs, type CliIo } from './args';

const HELP = `Usage: support-bot test-conversations [--dir D] [--only TEXT] [--model M] [--json]

Plays every conversation test (*.yml, format in docs/conversation-tests.md) against a private
copy of the app: the knowledge base, intents and settings of this checkout, a temporary SQLite
file, and one desk agent who is online or offline as each file says. Nothing touches the
service's own data. Prints a PASS/FAIL table, then each failure with its reasons and transcript.

  --dir D        folder of conversation files (default: CONVERSATIONS_DIR, else ./conversations)
  --only TEXT    run only the files whose name contains TEXT
  --model M      model JSON to understand customers with (default: the version operators
                 activated, else the model trained from ./intents, cached in DATA_DIR/models)
  --json         print the results as JSON instead of the table

Exit code: 0 when every conversation passed, 1 when one failed or a file is not valid,
64 for a usage error, 66 when the folder holds no conversation files.
`;

export async function runTestConversations(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, io, HELP, ['dir', 'only', 'model'], ['json']);
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const dir = path.resolve(args.values.dir ?? config.conversationsDir);
  const files = loadConversationFiles(dir).filter((f) => !args.values.only || f.file.includes(args.values.only));
  if (files.length === 0) {
    io.stderr.write(`test-conversations: no conversation files (*.yml) in ${dir}${args.values.only ? ` matching "${args.values.only}"` : ''}\n`);
    return 66;
  }
  const { model, source } = await modelForCli(args.values.model);
  if (io.isTTY) io.stderr.write(`running ${files.length} conversations from ${dir} with the model from ${source}\n`);
  const target = await startRunTarget({ build: buildApp, config, model });
  try {
    const suite = await runSuite(files, target, (r, done, total) => {
      if (io.isTTY) io.stderr.write(`[${done}/${total}] ${r.passed ? 'PASS' : 'FAIL'} ${r.file}\n`);
    });
    io.stdout.write(args.flags.has('json') ? JSON.stringify(suite, null, 2) + '\n' : formatSuiteReport(suite));
    return suite.failed === 0 ? 0 : 1;
  } finally {
    await target.close();
  }
}
