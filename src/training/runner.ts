/**
 * Where a retrain's CPU work runs. `workerRunner` (the default) uses node:worker_threads, so the
 * event loop keeps serving chats during the seconds training takes; `inlineRunner` runs on the
 * calling thread after yielding once (for environments without workers).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { trainJob, type TrainJob, type TrainJobResult } from './train-job';

export type TrainRunner = (job: TrainJob, onProgress: (fraction: number) => void) => Promise<TrainJobResult>;

/** The worker entry next to this file: compiled `.js` in production, `.ts` under tsx or ts-jest. */
function workerSource(): { code: string; eval: true } | { file: string; eval: false } {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `train-worker${ext}`);
  if (ext === '.js') return { file, eval: false };
  // TypeScript sources (tests, `npm run cli`): register tsx's require hook inside the worker first.
  const tsx = require.resolve('tsx/cjs');
  return { code: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(file)});`, eval: true };
}

export const workerRunner: TrainRunner = (job, onProgress) =>
  new Promise((resolve, reject) => {
    const src = workerSource();
    const worker = src.eval ? new Worker(src.code, { eval: true, workerData: job }) : new Worker(src.file, { workerData: job });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: { type: string; progress?: number; result?: TrainJobResult; message?: string }) => {
      if (m.type === 'progress') onProgress(m.progress ?? 0);
      else if (m.type === 'done') finish(() => resolve(m.result as TrainJobResult));
      else if (m.type === 'error') finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`training worker exited with code ${code}`))));
  });

export const inlineRunner: TrainRunner = async (job, onProgress) => {
  await new Promise((r) => setImmediate(r));
  return trainJob(job, onProgress);
};
