import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAgent } from '../../src/cli/agent';
import { verifyPassword } from '../../src/http/auth/password';
import { createSqliteStorage } from '../../src/storage/sqlite';
import { memoryIo } from '../helpers/cli-io';

// Each step hashes a password (scrypt, CPU-bound by design) and opens the database: on a busy
// machine the longest test here took over 30 s.
jest.setTimeout(120_000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'agent-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = async () => createSqliteStorage({ file: path.join(dir, 'chat.db') });

async function run(argv: string[], stdin = '') {
  const t = memoryIo(stdin);
  const code = await runAgent(argv, t.io, open);
  return { code, out: t.out(), err: t.err() };
}

describe('agent CLI', () => {
  test('agent add prints a one-time password that logs in, and agent list shows the account', async () => {
    const r = await run(['add', '--email', 'Ada@Desk.Example', '--name', 'Ada Lovelace', '--role', 'admin', '--capacity', '5']);
    expect(r.code).toBe(0);
    const password = /One-time password \(shown only now\): (\S+)/.exec(r.out)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(16);
    const storage = await open();
    const agent = await storage.handoff.getAgentByEmail('ada@desk.example');
    await storage.close();
    expect(agent).toMatchObject({ name: 'Ada Lovelace', role: 'admin', capacity: 5 });
    expect(await verifyPassword(password, agent!.passwordHash)).toBe(true);
    const list = await run(['list']);
    expect(list.out).toContain('ada@desk.example\tAda Lovelace\tadmin\tcapacity 5');
    expect(list.out).not.toContain(password);
  });

  test('--password-stdin takes the password from stdin and prints none', async () => {
    const r = await run(['add', '--email', 'bob@desk.example', '--name', 'Bob', '--role', 'agent', '--password-stdin'], 'a long enough secret\n');
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/password/i);
    const storage = await open();
    const agent = await storage.handoff.getAgentByEmail('bob@desk.example');
    await storage.close();
    expect(await verifyPassword('a long enough secret', agent!.passwordHash)).toBe(true);
  });

  test('refuses a bad role, a taken email and a short password with a clear message', async () => {
    expect((await run(['add', '--email', 'c@desk.example', '--name', 'C', '--role', 'boss'])).err).toMatch(/--role must be agent, operator or admin/);
    await run(['add', '--email', 'd@desk.example', '--name', 'D', '--role', 'agent']);
    const taken = await run(['add', '--email', 'D@desk.example', '--name', 'D2', '--role', 'agent']);
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/already exists/);
    const short = await run(['add', '--email', 'e@desk.example', '--name', 'E', '--role', 'agent', '--password-stdin'], 'short');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/at least 12/);
  });
});

describe('agent CLI: account changes', () => {
  async function stored(email: string) {
    const storage = await open();
    try {
      return await storage.handoff.getAgentByEmail(email);
    } finally {
      await storage.close();
    }
  }

  test('set-role, disable, enable, reset-password and remove change the stored account and end its sessions', async () => {
    await run(['add', '--email', 'root@desk.example', '--name', 'Root', '--role', 'admin']);
    await run(['add', '--email', 'lee@desk.example', '--name', 'Lee', '--role', 'agent']);
    const storage = await open();
    const lee = (await storage.handoff.getAgentByEmail('lee@desk.example'))!;
    await storage.handoff.createSession({ id: 's-lee', agentId: lee.id, csrfToken: 'c', expiresAt: Date.now() + 60_000 });
    await storage.close();

    const role = await run(['set-role', '--email', 'lee@desk.example', '--role', 'operator']);
    expect(role).toMatchObject({ code: 0 });
    expect(role.out).toMatch(/Lee <lee@desk.example> is now operator\. Their sessions ended\. An open console is signed out at its next action/);
    expect(await stored('lee@desk.example')).toMatchObject({ role: 'operator' });
    const check = await open();
    expect(await check.handoff.getSession('s-lee')).toMatchObject({ revoked: true });
    await check.close();

    expect((await run(['disable', '--email', 'lee@desk.example'])).code).toBe(0);
    expect(await stored('lee@desk.example')).toMatchObject({ disabled: true });
    expect((await run(['list'])).out).toMatch(/lee@desk.example\tLee\toperator\tcapacity 3\tdisabled/);
    expect((await run(['enable', '--email', 'lee@desk.example'])).code).toBe(0);
    expect(await stored('lee@desk.example')).toMatchObject({ disabled: false });

    const reset = await run(['reset-password', '--email', 'lee@desk.example']);
    const password = /\(shown only now\): (\S+)/.exec(reset.out)![1]!;
    expect(await verifyPassword(password, (await stored('lee@desk.example'))!.passwordHash)).toBe(true);

    expect((await run(['remove', '--email', 'lee@desk.example'])).code).toBe(0);
    expect(await stored('lee@desk.example')).toBeUndefined();
  });

  test('the only admin cannot be disabled, demoted or removed; unknown emails and bad roles are explained', async () => {
    await run(['add', '--email', 'root@desk.example', '--name', 'Root', '--role', 'admin']);
    for (const argv of [['disable'], ['set-role', '--role', 'agent'], ['remove']]) {
      const r = await run([...argv, '--email', 'root@desk.example']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/only active admin/);
    }
    expect(await stored('root@desk.example')).toMatchObject({ role: 'admin', disabled: false });
    const unknown = await run(['disable', '--email', 'ghost@desk.example']);
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.err).toMatch(/No account has the email ghost@desk.example/);
    const bad = await run(['set-role', '--email', 'root@desk.example', '--role', 'boss']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--role must be agent, operator or admin/);
    expect((await run(['--help'])).out).toMatch(/reset-password --email E/);
  });
});
