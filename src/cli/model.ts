/** `model list | activate VERSION | rollback`: the stored model versions, from the command line. */
import { channels } from '../bus/types';
import { createBus } from '../bus/create';
import { loadConfig } from '../config';
import { createStorage } from '../storage/create';
import type { ModelVersionRecord } from '../storage/training';
import type { Storage } from '../storage/types';
import { TrainingError } from '../training/errors';
import { MODEL_ACTIVATED } from '../training/model-switch';
import { rollbackTarget } from '../training/rollback';
import { parseArgs, type CliIo } from './args';

const HELP = `Usage: support-bot model <list | activate VERSION | rollback> [--by NAME]

Model versions are made by retraining in the console (POST /api/training/runs) and kept in the
database the server uses (DATA_DIR's SQLite file, or DATABASE_URL).

  list              every version, newest first: id, active, created, author, held-out accuracy
                    and macro-F1 (with the change against the model that was active when it was
                    trained), data hash
  activate VERSION  make VERSION the model every node answers with (no restart)
  rollback          go back to the version active before the current one (the built-in model
                    from intents/ when there was none)
  --by NAME         who did it, for the activation log (default: $USER, else "cli")

Running servers switch at once when REDIS_URL is set (the change is published); otherwise each
server notices within 10 seconds.
`;

const pct = (x: unknown): string => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '-');
const signed = (x: unknown): string => (typeof x === 'number' ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}` : '');

function row(v: ModelVersionRecord): string[] {
  const m = v.metrics as { candidate?: { accuracy?: number; macroF1?: number }; delta?: { accuracy?: number; macroF1?: number } };
  return [
    v.active ? '*' : ' ',
    v.id,
    new Date(v.createdAt).toISOString().replace('T', ' ').slice(0, 19),
    v.author,
    `${pct(m.candidate?.accuracy)} (${signed(m.delta?.accuracy)})`,
    `${pct(m.candidate?.macroF1)} (${signed(m.delta?.macroF1)})`,
    v.dataHash.slice(0, 12),
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] as string).length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] as number)).join('  ').trimEnd()).join('\n') + '\n';
}

async function publishActivation(versionId: string | null, by: string): Promise<void> {
  const bus = await createBus(loadConfig());
  try {
    await bus.publish(channels.models, { type: MODEL_ACTIVATED, versionId, by });
  } finally {
    await bus.close();
  }
}

export async function runModel(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  let args;
  try {
    args = parseArgs(sub === 'activate' ? rest.slice(1) : rest, ['by']);
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    return 64;
  }
  if (!sub || sub === '--help' || sub === '-h' || args.flags.has('help')) {
    io.stdout.write(HELP);
    return sub ? 0 : 64;
  }
  if (!['list', 'activate', 'rollback'].includes(sub)) {
    io.stderr.write(`model: unknown subcommand "${sub}"\n\n${HELP}`);
    return 64;
  }
  const version = sub === 'activate' ? rest[0] : undefined;
  if (sub === 'activate' && (!version || version.startsWith('--'))) {
    io.stderr.write(`model activate: give the VERSION to activate (see "model list")\n\n${HELP}`);
    return 64;
  }
  const by = args.values.by ?? process.env.USER ?? 'cli';
  const storage: Storage = await createStorage(loadConfig());
  try {
    if (sub === 'list') {
      const versions = await storage.training.listVersions();
      if (versions.length === 0) {
        io.stdout.write('No model versions yet: the built-in model from intents/ is answering.\n');
        return 0;
      }
      io.stdout.write(table([[' ', 'version', 'created (UTC)', 'author', 'accuracy (Δ)', 'macro-F1 (Δ)', 'data hash'], ...versions.map(row)]));
      if (!versions.some((v) => v.active)) io.stdout.write('No version is active: the built-in model from intents/ is answering.\n');
      return 0;
    }
    let target: string | null;
    if (sub === 'activate') {
      target = version as string;
      if (!(await storage.training.activateVersion(target, by))) {
        io.stderr.write(`model activate: no version "${target}" (see "model list")\n`);
        return 1;
      }
    } else {
      try {
        target = rollbackTarget(await storage.training.activationHistory(2));
      } catch (err) {
        if (err instanceof TrainingError) {
          io.stderr.write(`model rollback: ${err.message}\n`);
          return 1;
        }
        throw err;
      }
      await storage.training.activateVersion(target, by);
    }
    await publishActivation(target, by);
    io.stdout.write(`${target === null ? 'the built-in model (intents/)' : target} is now active.\n`);
    return 0;
  } finally {
    await storage.close();
  }
}
