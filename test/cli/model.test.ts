import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runModel } from '../../src/cli/model';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { memoryIo } from '../helpers/cli-io';

const io = memoryIo;

describe('cli model', () => {
  let dir: string;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cli-model-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    delete process.env.REDIS_URL;
    const storage = createSqliteStorage({ file: path.join(dir, 'chat.db'), now: (() => { let t = Date.UTC(2026, 0, 1); return () => (t += 60_000); })() });
    for (const [id, acc] of [['v-old', 0.8], ['v-new', 0.9]] as const) {
      await storage.training.createVersion({
        id,
        dataHash: `hash-${id}-0123456789`,
        author: 'op-ann',
        artifact: {},
        metrics: { candidate: { accuracy: acc, macroF1: acc - 0.05 }, delta: { accuracy: 0.02, macroF1: -0.01 } },
      });
    }
    await storage.close();
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
    rmSync(dir, { recursive: true, force: true });
  });

  const active = async () => {
    const s = createSqliteStorage({ file: path.join(dir, 'chat.db') });
    try {
      return (await s.training.activeVersion())?.id ?? null;
    } finally {
      await s.close();
    }
  };

  it('lists versions newest first with author, accuracy and the change against the model active then', async () => {
    const t = io();
    expect(await runModel(['list'], t.io)).toBe(0);
    const lines = t.out().trim().split('\n');
    expect(lines[0]).toMatch(/version .*author .*accuracy/);
    expect(lines[1]).toMatch(/v-new .*op-ann .*90\.0% \(\+2\.0\) .*85\.0% \(-1\.0\) .*hash-v-new-0/);
    expect(lines[2]).toMatch(/v-old/);
    expect(t.out()).toMatch(/No version is active/);
  });

  it('activates a version, rolls back to the one before, then to the built-in model', async () => {
    expect(await runModel(['activate', 'v-old', '--by', 'ann'], io().io)).toBe(0);
    expect(await runModel(['activate', 'v-new'], io().io)).toBe(0);
    expect(await active()).toBe('v-new');
    const list = io();
    await runModel(['list'], list.io);
    expect(list.out()).toMatch(/^\*\s+v-new/m);

    const r1 = io();
    expect(await runModel(['rollback'], r1.io)).toBe(0);
    expect(r1.out()).toMatch(/v-old is now active/);
    expect(await active()).toBe('v-old');
    // "undo" again goes back to v-new, as the activation before the rollback
    expect(await runModel(['rollback'], io().io)).toBe(0);
    expect(await active()).toBe('v-new');
  });

  it('rolls back the very first activation to the built-in model, and then has nothing left', async () => {
    await runModel(['activate', 'v-new'], io().io);
    const r = io();
    expect(await runModel(['rollback'], r.io)).toBe(0);
    expect(r.out()).toMatch(/built-in model/);
    expect(await active()).toBeNull();
    const again = io();
    expect(await runModel(['rollback'], again.io)).toBe(1);
    expect(again.err()).toMatch(/nothing to roll back/);
  });

  it('refuses an unknown version or subcommand and has --help', async () => {
    const t = io();
    expect(await runModel(['activate', 'v-nope'], t.io)).toBe(1);
    expect(t.err()).toMatch(/no version "v-nope"/);
    expect(await runModel(['frobnicate'], io().io)).toBe(64);
    expect(await runModel(['activate'], io().io)).toBe(64);
    const h = io();
    expect(await runModel(['--help'], h.io)).toBe(0);
    expect(h.out()).toMatch(/list\s+every version/);
  });
});
