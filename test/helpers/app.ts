import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { loadOrTrainModel } from '../../src/nlu/model-cache';
import { createSqliteStorage } from '../../src/storage/sqlite';
import type { Storage } from '../../src/storage/types';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Trained models are cached here across test files, keyed by the intents' data hash. */
const MODEL_CACHE = path.join(ROOT, 'test-output', 'model-cache');

export interface TestApp {
  app: FastifyInstance;
  url: string;
  wsUrl: string;
  dataDir: string;
  storage: Storage;
  config: Config;
  close(): Promise<void>;
}

/** The model trained from the shipped intents, cached across test files. */
export async function cachedModel(intentsDir: string) {
  return (await loadOrTrainModel({ intentsDir, dataDir: MODEL_CACHE })).model;
}

/** The config a fresh clone would run with, in a temporary data dir, silent logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'chatbot-test-'));
  // Suites open many chats from 127.0.0.1; only test/security/per-client-limits.test.ts wants the per-address limits.
  return { ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }, ROOT), clientMaxSockets: 0, clientNewConversationsPerMinute: 0, clientConnectionsPerMinute: 0, clientEscalationsPerMinute: 0, ...overrides };
}

/**
 * A real server on 127.0.0.1, port 0, with the shipped intents and knowledge base and a temp SQLite file.
 * `wrap` puts a layer around that storage (e.g. one that fails on demand); the app and `storage` use it.
 */
export async function startTestApp(
  overrides: Partial<Config> = {},
  deps: Partial<AppDeps> = {},
  wrap: (storage: Storage) => Storage = (s) => s,
): Promise<TestApp> {
  const config = testConfig(overrides);
  const storage = wrap(createSqliteStorage({ file: path.join(config.dataDir, 'chat.db') }));
  const model = await cachedModel(config.intentsDir);
  const app = await buildApp(config, { storage, model, ...deps });
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
