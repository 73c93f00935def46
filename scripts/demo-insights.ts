/**
 * Fills a data directory with eight weeks of generated conversations, hand-overs and ratings, and
 * one model activation, so the console's Insights section has something to show in a demo or a
 * screenshot (docs/images/console-insights.png). The figures are made up, seeded, and say nothing
 * about the bot: a retrain "helps" here because this script says so.
 *
 *   npx tsx scripts/demo-insights.ts DIR     then  DATA_DIR=DIR npm start
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { categoryMap, loadIntents, toExamples } from '../src/nlu/intents';
import { trainModel } from '../src/nlu/model';
import { createRandom } from '../src/nlu/random';
import { INSIGHTS_WEEK_MS } from '../src/protocol/insights';
import { SQLITE_FILE_NAME } from '../src/storage/create';
import { createSqliteStorage } from '../src/storage/sqlite';
import type { EscalationReason } from '../src/storage/types';

const WEEKS = 8;
/** The week (0 = oldest) in whose middle the demo's retrained model is activated. */
const RETRAIN_WEEK = 4;

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir || dir === '--help') {
    process.stderr.write('Usage: npx tsx scripts/demo-insights.ts DIR\nWrites generated demo conversations into DIR/chat.db (a new or demo-only data directory).\n');
    process.exit(dir ? 0 : 64);
  }
  mkdirSync(dir, { recursive: true });
  let clock = 0;
  const storage = createSqliteStorage({ file: path.join(dir, SQLITE_FILE_NAME), now: () => clock });
  const random = createRandom(42);
  const end = Date.now();
  const start = end - WEEKS * INSIGHTS_WEEK_MS;
  const reasons: EscalationReason[] = ['low_confidence', 'low_confidence', 'asked_for_human', 'asked_for_human', 'frustration', 'urgent_security'];
  for (let w = 0; w < WEEKS; w++) {
    const after = w > RETRAIN_WEEK;
    const chats = 70 + Math.floor(random() * 40) + w * 6;
    for (let k = 0; k < chats; k++) {
      clock = start + w * INSIGHTS_WEEK_MS + Math.floor(random() * INSIGHTS_WEEK_MS);
      const id = `demo-${w}-${k}`;
      await storage.createConversation({ id, tokenHash: `demo-${id}`, state: 'closed', snapshot: {}, context: {} });
      const handOver = random() < (after ? 0.17 : 0.3);
      // fewer "bot unsure" hand-overs once the retrained model is live
      const reason = reasons[Math.floor(random() * reasons.length) + (after && random() < 0.5 ? 2 : 0)] ?? 'asked_for_human';
      await storage.commitTurn({
        conversationId: id,
        expectedVersion: 0,
        messages: [{ id: 'm1', from: 'customer', text: 'demo conversation' }],
        ...(handOver ? { escalation: { reason, priority: reason === 'urgent_security' ? ('urgent' as const) : ('normal' as const), summary: {} } } : {}),
      });
      if (random() < 0.35) await storage.cases.addFeedback({ conversationId: id, rating: Math.min(5, Math.max(1, Math.round(3.3 + (after ? 0.6 : 0) + (random() - 0.5) * 3))) });
    }
  }
  // a real model, so that a server started on DIR can load the active version
  const intentsDir = path.join(__dirname, '..', 'intents');
  const defs = loadIntents(intentsDir);
  const model = trainModel(toExamples(defs), { categories: categoryMap(defs) });
  clock = start + RETRAIN_WEEK * INSIGHTS_WEEK_MS + INSIGHTS_WEEK_MS / 2;
  const version = await storage.training.createVersion({ id: `${model.meta.id}-demo`, dataHash: model.meta.dataHash, metrics: {}, author: 'demo', artifact: model.toJSON() });
  await storage.training.activateVersion(version.id, 'demo');
  await storage.close();
  process.stdout.write(`wrote ${WEEKS} weeks of generated conversations to ${dir}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
