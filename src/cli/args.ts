/** Tiny argument parsing shared by the NLU commands (`--name value`, `--name=value`, `--flag`). */

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  values: Record<string, string>;
  flags: Set<string>;
}

/** Parses `argv` against the allowed value options and boolean flags; unknown options throw UsageError. */
export function parseArgs(argv: string[], valueOpts: string[], flagOpts: string[] = []): ParsedArgs {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-h') {
      flags.add('help');
      continue;
    }
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (flagOpts.includes(name) || name === 'help') {
      flags.add(name);
    } else if (valueOpts.includes(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
      values[name] = v;
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { values, flags };
}

/**
 * `parseArgs` for a command with a help text: a usage error prints the message and `help` to
 * stderr and gives exit code 64; `--help`/`-h` prints `help` to stdout and gives 0. Otherwise the
 * parsed arguments.
 * @example const args = parseCommandArgs(argv, io, HELP, ['data']); if (typeof args === 'number') return args;
 */
export function parseCommandArgs(argv: string[], io: CliIo, help: string, valueOpts: string[], flagOpts: string[] = []): ParsedArgs | number {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, valueOpts, flagOpts);
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${help}`);
    return 64;
  }
  if (args.flags.has('help')) {
    io.stdout.write(help);
    return 0;
  }
  return args;
}

/** A progress bar on stderr when it is a terminal; a no-op otherwise. */
export function progressBar(io: CliIo, label: string): { update(fraction: number): void; done(): void } {
  if (!io.isTTY) return { update: () => undefined, done: () => undefined };
  let last = -1;
  return {
    update(f) {
      const pct = Math.floor(Math.max(0, Math.min(1, f)) * 100);
      if (pct === last) return;
      last = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      io.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%`);
    },
    done() {
      io.stderr.write('\n');
    },
  };
}
