/**
 * NLU_ENCODER in the server: accurate mode trains the built-in model with sentence embeddings and
 * embeds each message before it is parsed (a stand-in encoder here; the real one is tested in
 * test/nlu/use-lite.test.ts); without the optional packages the server says so and runs the default mode.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { buildApp } from '../../src/app';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { cachedModel, testConfig } from '../helpers/app';
import { standInEncoder } from '../helpers/stand-in-encoder';

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

test('NLU_ENCODER=use-lite without the optional packages: a logged warning, then the default mode', async () => {
  const config = testConfig({ nluEncoder: 'use-lite' });
  const { logger, lines } = capturedLogger();
  const missing = (id: string): never => {
    throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
  };
  const model = await cachedModel(config.intentsDir);
  const app = await buildApp(config, { storage: createSqliteStorage({ file: path.join(config.dataDir, 'chat.db') }), logger, model, encoder: { load: missing } });
  try {
    expect(app.nlu.runtime.mode).toBe('default');
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, requested: 'use-lite', msg: expect.stringMatching(/running the default mode/) }));
    const res = await app.inject({ method: 'POST', url: '/api/nlu/parse', payload: { text: 'where is my refund' } });
    expect(res.json()).toMatchObject({ intent: { category: 'refund' } });
  } finally {
    await app.close();
    rmSync(config.dataDir, { recursive: true, force: true });
  }
});

test('NLU_ENCODER=use-lite: the built-in model is trained in accurate mode, cached by mode, and every parsed text is embedded first', async () => {
  const config = testConfig({ nluEncoder: 'use-lite' });
  const encoder = standInEncoder();
  const start = () => buildApp(config, { storage: createSqliteStorage({ file: path.join(config.dataDir, 'chat.db') }), encoder: { encoder } });
  let app = await start();
  try {
    expect(app.nlu.runtime.mode).toBe('use-lite');
    expect(app.nlu.baseModel.meta.encoder).toBe('use-lite');
    const trainedWith = encoder.embedded.length;
    expect(trainedWith).toBeGreaterThan(100);
    const res = await app.inject({ method: 'POST', url: '/api/nlu/parse', payload: { text: 'has my money come back yet' } });
    expect(encoder.embedded.slice(trainedWith)).toEqual(['has my money come back yet']);
    // what the server answered is what the model says once it has the text's embedding
    expect(res.json().ranking).toEqual(app.nlu.parser.parse('has my money come back yet').ranking);
    await app.close();
    // a restart loads the saved accurate-mode model and embeds nothing it had
    app = await start();
    expect(app.nlu.baseModel.meta.encoder).toBe('use-lite');
    expect(encoder.embedded.length).toBe(trainedWith + 1);
  } finally {
    await app.close();
    rmSync(config.dataDir, { recursive: true, force: true });
  }
});
