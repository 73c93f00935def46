/**
 * Trains the shipped intents' model into the tests' model cache once, before any suite runs
 * (jest global setup), so no test hook pays for the first training: on a fresh clone of a loaded
 * machine that took longer than a hook's 30 s.
 */
import path from 'node:path';
import { loadOrTrainModel } from '../../src/nlu/model-cache';

const ROOT = path.resolve(__dirname, '..', '..');

void loadOrTrainModel({ intentsDir: path.join(ROOT, 'intents'), dataDir: path.join(ROOT, 'test-output', 'model-cache') }).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
