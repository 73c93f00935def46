import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsvRows } from '../../src/nlu/dataset-file';
import { categoryMap, loadIntents } from '../../src/nlu/intents';
import { loadOrTrainModel } from '../../src/nlu/model-cache';
import { ROOT } from '../helpers/app';

/**
 * Realistic customer messages written for this test, not in intents/: at least 9 in 10 must get
 * the right category from the model trained on the shipped intents.
 */
test('at least 90% of held-out customer messages get the right category', async () => {
  const rows = parseCsvRows(readFileSync(path.join(ROOT, 'test', 'data', 'heldout-messages.csv'), 'utf8'));
  expect(rows[0]).toEqual(['text', 'category', 'intent']);
  const messages = rows.slice(1).map(([text, category]) => ({ text: text!, category: category! }));
  expect(messages.length).toBeGreaterThanOrEqual(100);

  const intentsDir = path.join(ROOT, 'intents');
  const categories = categoryMap(loadIntents(intentsDir));
  const training = new Set(loadIntents(intentsDir).flatMap((d) => d.examples.map((e) => e.toLowerCase().trim())));
  const overlap = messages.filter((m) => training.has(m.text.toLowerCase().trim()));
  expect(overlap).toEqual([]);

  const { model } = await loadOrTrainModel({ intentsDir, dataDir: path.join(ROOT, 'test-output', 'model-cache') });
  const wrong = messages.filter((m) => categories[model.rank(m.text)[0]!.name] !== m.category);
  const accuracy = 1 - wrong.length / messages.length;
  if (accuracy < 0.9) console.log('misclassified:', wrong);
  expect(accuracy).toBeGreaterThanOrEqual(0.9);
});
