/**
 * The app's infrastructure lives in plugins (src/plugins/): whatever buildApp made is closed by
 * app.close(), and also when a later step of buildApp fails, so a failed start leaks no database
 * handle and no Redis connection.
 */
import { mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { cachedModel, testConfig } from '../helpers/app';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Open file descriptors of this process that point into `dir` (the SQLite file and its WAL). */
function openFilesUnder(dir: string): string[] {
  const links: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      links.push(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      // closed while listing
    }
  }
  return links.filter((l) => l.startsWith(dir));
}

/** Established TCP connections of this process to Redis's port (from /proc/net/tcp{,6}). */
function redisConnections(port = Number(new URL(REDIS_URL).port || 6379)): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      // closed while listing
    }
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let n = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const [remote, state, inode] = [cols[2]!, cols[3]!, cols[9]!];
      if (remote.endsWith(`:${hexPort}`) && state === '01' && inodes.has(inode)) n++;
    }
  }
  return n;
}

const prefix = `plugins-test-${process.pid}:`;

test('a started app holds the SQLite file and Redis connections; close() lets go of all of them', async () => {
  const config = testConfig({ redisUrl: REDIS_URL, redisPrefix: prefix });
  const before = redisConnections();
  const app = await buildApp(config, { model: await cachedModel(config.intentsDir) });
  await app.ready();
  expect(openFilesUnder(config.dataDir).length).toBeGreaterThan(0);
  expect(redisConnections()).toBeGreaterThan(before);
  await app.close();
  expect(openFilesUnder(config.dataDir)).toEqual([]);
  expect(redisConnections()).toBe(before);
  rmSync(config.dataDir, { recursive: true, force: true });
}, 60_000);

test('when a plugin after storage and bus fails, buildApp rejects with its error and has closed both', async () => {
  const config = testConfig({ redisUrl: REDIS_URL, redisPrefix: prefix });
  // The knowledge plugin comes after storage, bus and nlu; an article without front matter stops it.
  const knowledgeDir = path.join(config.dataDir, 'kb');
  mkdirSync(knowledgeDir);
  writeFileSync(path.join(knowledgeDir, 'broken.md'), 'no front matter here\n');
  const before = redisConnections();
  await expect(buildApp({ ...config, knowledgeDir }, { model: await cachedModel(config.intentsDir) })).rejects.toThrow(/broken\.md/);
  // The SQLite file was created (so storage was opened) and nothing of it is open any more.
  expect(readdirSync(config.dataDir)).toContain('chat.db');
  expect(openFilesUnder(config.dataDir)).toEqual([]);
  expect(redisConnections()).toBe(before);
  rmSync(config.dataDir, { recursive: true, force: true });
}, 60_000);
