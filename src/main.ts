#!/usr/bin/env node
import { buildApp, createLogger } from './app';
import closeWithGrace from 'close-with-grace';
import { runAgent } from './cli/agent';
import { startBanner, startUrls } from './cli/banner';
import { runClassify } from './cli/classify';
import { runEval } from './cli/eval';
import { runImport } from './cli/import';
import { runModel } from './cli/model';
import { runTestConversations } from './cli/test-conversations';
import { runTrain } from './cli/train';
import { logDestination } from './cli/log-destination';
import { ConfigError, loadConfig } from './config';

const HELP = `Usage: support-bot <command> [options]

Commands:
  serve                       start the HTTP + WebSocket server (configured by environment variables)
  train --data FILE --out M   train an intent model from CSV (text,intent) or JSONL
  classify [--model M]        classify stdin lines, one JSON result per line
  eval --data FILE [--model M] [--html OUT]
                              accuracy, macro-F1, per-intent scores and confusion matrix
  agent add --email E --name N --role agent|operator|admin [--capacity 3] [--password-stdin]
                              create a console account (prints a one-time password)
  agent list                  list console accounts
  agent set-role|disable|enable|reset-password|remove --email E [--role R]
                              change an account; ends its sessions (agent --help)
  import --file FILE          transcripts (JSONL or CSV) into the triage inbox, masked, deduplicated
  model list|activate V|rollback
                              stored model versions; activate or roll back without a restart
  test-conversations [--dir D] play the conversation tests (conversations/*.yml): PASS/FAIL table

Run "support-bot <command> --help" for a command's options.
Environment variables are listed in the README's configuration table.
With npm:  npm run --silent cli -- <command> ...`;

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
  /** Whether stdout is a terminal (pretty logs and the start-up banner); default false. */
  stdoutIsTTY?: boolean;
}

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 5000;

async function serve(argv: string[], io: Io): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write('Usage: support-bot serve\n\nStarts the server. Configure it with PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL, ... (see README).\n');
    return 0;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel, logDestination(io.stdoutIsTTY ?? false));
  // Storage and the bus are made (and, should the start fail, closed) by the app's plugins.
  const app = await buildApp(config, { logger });
  // SIGTERM/SIGINT (or a crash): stop accepting, close sockets with 1001 so clients reconnect,
  // let accepted turns finish, close storage; exit 0 (1 after a crash), or 1 if that takes 5 s.
  closeWithGrace({ delay: SHUTDOWN_GRACE_MS, logger: false, onTimeout: (ms) => app.log.error({ ms }, 'shutdown took too long; exiting') }, async ({ signal, err }) => {
    if (err) app.log.fatal({ err }, 'crashed; closing');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    app.log.info('closed');
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const banner = {
    address,
    hasAccounts: (await app.storage.handoff.listAgents()).length > 0,
    dataDir: config.dataDir,
    hasDocs: app.hasRoute({ method: 'GET', url: '/docs' }),
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  };
  // A person at a terminal reads the banner; a log collector gets the same facts as one JSON line.
  if (io.stdoutIsTTY) io.stdout.write(`\n${startBanner(banner).join('\n')}\n\n`);
  else app.log.info({ urls: startUrls(banner), dataDir: config.dataDir, accounts: banner.hasAccounts }, startBanner(banner).join(' | '));
  return -1; // keep running
}

const commands: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  serve,
  train: runTrain,
  classify: runClassify,
  eval: runEval,
  agent: runAgent,
  import: runImport,
  model: runModel,
  'test-conversations': runTestConversations,
};

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(HELP + '\n');
    return command ? 0 : 1;
  }
  const run = commands[command];
  if (!run) {
    io.stderr.write(`Unknown command "${command}".\n\n${HELP}\n`);
    return 1;
  }
  try {
    return await run(rest, io);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr.write(`Configuration error: ${err.message}\n`);
      return 78;
    }
    io.stderr.write(`${command} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stderr.isTTY), stdoutIsTTY: Boolean(process.stdout.isTTY) }).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
  );
}
