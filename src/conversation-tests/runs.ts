import { randomUUID } from 'node:crypto';
import type { ConversationTestRun } from '../protocol/conversation-tests';
import { loadConversationFiles, runSuite } from './suite';
import type { StartedTarget } from './target';

export class RunInProgressError extends Error {
  override name = 'RunInProgressError';
}

export interface ConversationTestRunsDeps {
  /** The folder of `*.yml` files (config `CONVERSATIONS_DIR`). */
  dir: string;
  /** Starts a private copy of the app for one run (target.ts), closed when the run ends. */
  startTarget(): Promise<StartedTarget>;
  clock?: () => number;
}

/**
 * Runs the server's conversation tests for the console, one run at a time, in the background:
 * `start()` answers at once with the run, `latest()` shows its progress (results so far) and,
 * once over, its outcome. Kept in memory on this node: a restart forgets the last run.
 *
 * @example
 * const runs = createConversationTestRuns({ dir: config.conversationsDir, startTarget: () => startRunTarget({ build: buildApp, config, model }) });
 * const run = runs.start(); // poll runs.latest() until run.status !== 'running'
 */
export function createConversationTestRuns(deps: ConversationTestRunsDeps) {
  const clock = deps.clock ?? Date.now;
  let current: ConversationTestRun | undefined;
  let finished: Promise<void> = Promise.resolve();

  async function play(run: ConversationTestRun): Promise<void> {
    let files;
    try {
      files = loadConversationFiles(deps.dir);
    } catch (err) {
      Object.assign(run, { status: 'failed', error: (err as Error).message, finishedAt: clock() });
      return;
    }
    run.total = files.length;
    if (files.length === 0) {
      Object.assign(run, { status: 'done', finishedAt: clock() });
      return;
    }
    let target: StartedTarget | undefined;
    try {
      target = await deps.startTarget();
      await runSuite(files, target, (result) => {
        run.results.push(result);
        if (result.passed) run.passed++;
        else run.failed++;
      });
      Object.assign(run, { status: 'done', finishedAt: clock() });
    } catch (err) {
      Object.assign(run, { status: 'failed', error: `the run stopped: ${(err as Error).message}`, finishedAt: clock() });
    } finally {
      await target?.close().catch(() => undefined);
    }
  }

  return {
    /** Starts a run of every file in the folder. @throws RunInProgressError while one is running. */
    start(): ConversationTestRun {
      if (current?.status === 'running') throw new RunInProgressError('a conversation test run is already in progress');
      const run: ConversationTestRun = { id: randomUUID(), status: 'running', dir: deps.dir, total: 0, results: [], passed: 0, failed: 0, startedAt: clock() };
      current = run;
      finished = play(run);
      return snapshot(run);
    },
    /** The running or last run, copied; undefined before the first. */
    latest(): ConversationTestRun | undefined {
      return current && snapshot(current);
    },
    /** Resolves when the current run is over (for shutdown and tests). */
    idle(): Promise<void> {
      return finished;
    },
  };
}

function snapshot(run: ConversationTestRun): ConversationTestRun {
  return { ...run, results: [...run.results] };
}

export type ConversationTestRuns = ReturnType<typeof createConversationTestRuns>;
