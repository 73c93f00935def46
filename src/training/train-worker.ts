/**
 * Worker-thread entry of a retrain (node:worker_threads): trains off the main thread so chats
 * stay responsive. Receives the data in `workerData`, posts progress and the models' JSON.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainJob, type TrainJob } from './train-job';

const job = workerData as TrainJob;
trainJob(job, (progress) => parentPort?.postMessage({ type: 'progress', progress })).then(
  (result) => parentPort?.postMessage({ type: 'done', result }),
  (err: unknown) => parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);
