import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { Config } from '../config';
import { hashPassword } from '../http/auth/password';
import type { IntentModel } from '../nlu/model';
import { createMemoryBus } from '../bus/memory';
import { createSqliteStorage } from '../storage/sqlite';
import type { Storage } from '../storage/types';
import type { Agents } from './format';
import type { RunTarget } from './run';

/** How the target builds the app: `buildApp` from src/app.ts (passed in, so app.ts can use this file too). */
export type BuildApp = (config: Config, deps: { storage: Storage; model: IntentModel; bus: ReturnType<typeof createMemoryBus> }) => Promise<FastifyInstance>;

export interface StartTargetOptions {
  build: BuildApp;
  /** The settings to run with; its data dir, origins, business hours and log level are replaced. */
  config: Config;
  /** The model to understand customers with (the live one, or the one trained from intents/). */
  model: IntentModel;
}

export interface StartedTarget extends RunTarget {
  close(): Promise<void>;
}

/**
 * Starts a private copy of the app for conversation tests: the given settings and model, a
 * temporary SQLite file, an in-process bus, always open (no business hours), silent logs,
 * listening on 127.0.0.1 on a free port, and one desk agent whose presence `setAgents` switches
 * through the real agent socket. Nothing is shared with a running service; `close()` removes it all.
 *
 * @example
 * const target = await startRunTarget({ build: buildApp, config: loadConfig(), model });
 * try { await runSuite(specs, target); } finally { await target.close(); }
 */
export async function startRunTarget(opts: StartTargetOptions): Promise<StartedTarget> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'conversation-tests-'));
  const config: Config = {
    ...opts.config,
    dataDir,
    databaseUrl: undefined,
    redisUrl: undefined,
    logLevel: 'silent',
    allowedOrigins: [],
    publicUrl: '',
    businessHours: undefined,
    autoAssign: false,
    // the live server already serves the metrics; a private copy must not take its port
    metricsPort: undefined,
    metricsToken: undefined,
    // a run plays every conversation from this host in a minute; per-address limits would refuse it
    clientMaxSockets: 0,
    clientNewConversationsPerMinute: 0,
    clientConnectionsPerMinute: 0,
    clientEscalationsPerMinute: 0,
  };
  const storage = createSqliteStorage({ file: path.join(dataDir, 'chat.db') });
  let app: FastifyInstance | undefined;
  let agent: WebSocket | undefined;
  try {
    app = await opts.build(config, { storage, model: opts.model, bus: createMemoryBus() });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const password = randomBytes(18).toString('base64url');
    const desk = await storage.handoff.createAgent({
      id: `convtest-${randomUUID()}`,
      email: `desk-${randomUUID().slice(0, 8)}@conversation-tests.invalid`,
      name: 'Desk Agent',
      role: 'agent',
      capacity: 1000,
      passwordHash: await hashPassword(password),
    });
    const cookie = await login(url, desk.email, password);
    agent = await connectAgent(url, cookie);
    const presence = presenceOf(agent, desk.id);
    const opened = app;
    const socket = agent;
    return {
      wsUrl: `${url.replace(/^http/, 'ws')}/ws/chat`,
      storage,
      async setAgents(agents: Agents) {
        const status = agents === 'online' ? 'online' : 'offline';
        if (presence.current() === status) return;
        socket.send(JSON.stringify({ type: 'presence', status }));
        await presence.until(status);
      },
      async close() {
        socket.close();
        await opened.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    agent?.close();
    if (app) await app.close();
    else await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

async function login(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`the test desk agent could not log in: HTTP ${res.status}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('the test desk agent got no session cookie');
  return cookie.split(';')[0]!;
}

function connectAgent(url: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws/agent`, { headers: { cookie } });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`the agent socket refused the upgrade: HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** The desk agent's presence as the server last announced it (hello / agents frames). */
function presenceOf(ws: WebSocket, agentId: string) {
  let status: string | undefined;
  let waiters: Array<{ status: string; resolve: () => void }> = [];
  ws.on('message', (data) => {
    let frame: { type?: string; agent?: { id: string; status: string }; agents?: Array<{ id: string; status: string }> };
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return;
    }
    const me = frame.type === 'hello' ? frame.agent : frame.type === 'agents' ? frame.agents?.find((a) => a.id === agentId) : undefined;
    if (!me) return;
    status = me.status;
    waiters = waiters.filter((w) => (w.status === status ? (w.resolve(), false) : true));
  });
  return {
    current: () => status,
    until(wanted: string): Promise<void> {
      if (status === wanted) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the desk agent did not become ${wanted}`)), 10_000);
        waiters.push({ status: wanted, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}
