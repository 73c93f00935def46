import fs from 'node:fs';
import path from 'node:path';
import { ConversationFileError, parseConversation, type ConversationSpec } from './format';
import { runConversation, type ConversationResult, type RunOptions, type RunTarget } from './run';

/** A file of the suite: parsed, or the reasons it cannot be run. */
export type LoadedFile = { file: string; spec: ConversationSpec } | { file: string; error: string };

/**
 * Reads every `*.yml` / `*.yaml` file of a folder (not its subfolders), sorted by name.
 *
 * @throws Error when the folder cannot be read.
 * @example const files = loadConversationFiles('conversations');
 */
export function loadConversationFiles(dir: string): LoadedFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n));
  } catch (err) {
    throw new Error(`cannot read the conversations folder ${dir}: ${(err as Error).message}`);
  }
  return names.sort().map((file) => {
    try {
      return { file, spec: parseConversation(fs.readFileSync(path.join(dir, file), 'utf8'), file) };
    } catch (err) {
      if (err instanceof ConversationFileError) return { file, error: err.message };
      return { file, error: `${file}: ${(err as Error).message}` };
    }
  });
}

export interface SuiteResult {
  results: ConversationResult[];
  passed: number;
  failed: number;
  ms: number;
}

/**
 * Runs the files one after another (agent presence is shared by the whole app) and reports each
 * result as it comes. A file that does not parse is a failure with its errors, never skipped.
 *
 * @example const suite = await runSuite(loadConversationFiles('conversations'), target, (r, i, n) => log(`${i}/${n}`));
 */
export async function runSuite(
  files: LoadedFile[],
  target: RunTarget,
  onResult?: (result: ConversationResult, done: number, total: number) => void,
  opts?: RunOptions,
): Promise<SuiteResult> {
  const started = Date.now();
  const results: ConversationResult[] = [];
  for (const f of files) {
    const result =
      'spec' in f
        ? await runConversation(f.spec, target, opts)
        : { file: f.file, title: f.file, passed: false, failures: f.error.split('\n'), expected: '(file not valid)', got: '', transcript: [], ms: 0 };
    results.push(result);
    onResult?.(result, results.length, files.length);
  }
  const passed = results.filter((r) => r.passed).length;
  return { results, passed, failed: results.length - passed, ms: Date.now() - started };
}
