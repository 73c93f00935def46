import path from 'node:path';
import { rmSync } from 'node:fs';
import { buildApp, type AppDeps } from '../../src/app';
import type { Config } from '../../src/config';
import { loadOrTrainModel } from '../../src/nlu/model-cache';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { ROOT, testConfig, type TestApp } from '../helpers/app';

/**
 * Like test/helpers/app.ts's startTestApp, with app deps too (availability, staff guards, a
 * logger writing to a file): a real server on 127.0.0.1, port 0, temp SQLite file.
 */
export async function startAppWith(deps: Partial<AppDeps>, overrides: Partial<Config> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const storage = createSqliteStorage({ file: path.join(config.dataDir, 'chat.db') });
  const { model } = await loadOrTrainModel({ intentsDir: config.intentsDir, dataDir: path.join(ROOT, 'test-output', 'model-cache') });
  const app = await buildApp(config, { storage, model, retentionSweepMs: 0, ...deps });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url: address,
    wsUrl: address.replace(/^http/, 'ws') + '/ws/chat',
    dataDir: config.dataDir,
    storage,
    config,
    async close() {
      await app.close();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
