import { randomUUID } from 'node:crypto';
import { generatePassword, hashPassword } from '../http/auth/password';
import { loadConfig } from '../config';
import { AgentEmailTakenError, type AgentRole } from '../storage/handoff';
import { createStorage } from '../storage/create';
import type { Storage } from '../storage/types';
import type { Bus } from '../bus/types';
import { createBus } from '../bus/create';
import { AccountError, createAccountService } from '../accounts/service';
import { parseArgs, UsageError, type CliIo } from './args';

const USAGE = `Usage:
  support-bot agent add --email E --name N --role agent|operator|admin [--capacity 3] [--password-stdin]
      creates an account; prints a one-time password unless --password-stdin reads one from stdin
  support-bot agent list
      lists accounts (id, email, name, role, capacity, disabled)
  support-bot agent set-role --email E --role agent|operator|admin
  support-bot agent disable --email E      the account can no longer log in
  support-bot agent enable --email E
  support-bot agent reset-password --email E
      prints a new one-time password
  support-bot agent remove --email E       deletes the account (its chats and notes stay)

set-role, disable, reset-password and remove end the account's sessions. With REDIS_URL set,
every running node closes its sockets at once; otherwise an open console is signed out at its
next action. The only active admin cannot be disabled, demoted or removed.`;

const ROLES: readonly AgentRole[] = ['agent', 'operator', 'admin'];

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let data = '';
  for await (const chunk of stdin) data += chunk.toString();
  return data.replace(/\r?\n$/, '');
}

/** `agent add` / `agent list` against the configured storage (DATA_DIR or DATABASE_URL). */
/** The running nodes' bus, when there is one to reach from here (Redis); undefined otherwise. */
async function nodesBus(): Promise<Bus | undefined> {
  const config = loadConfig();
  return config.redisUrl ? createBus(config) : undefined;
}

export async function runAgent(
  argv: string[],
  io: CliIo,
  open: () => Promise<Storage> = () => createStorage(loadConfig()),
  openBus: () => Promise<Bus | undefined> = nodesBus,
): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'add') return await add(rest, io, open);
    if (sub === 'list') return await list(rest, io, open);
    if (sub && sub in ACTIONS) return await change(sub as keyof typeof ACTIONS, rest, io, open, openBus);
    io.stdout.write(USAGE + '\n');
    return sub === undefined || sub === '--help' || sub === '-h' ? 0 : 2;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
}

async function add(argv: string[], io: CliIo, open: () => Promise<Storage>): Promise<number> {
  const { values, flags } = parseArgs(argv, ['email', 'name', 'role', 'capacity'], ['password-stdin']);
  if (flags.has('help')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  const email = values.email?.trim();
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError('--email must be an email address');
  const name = values.name?.trim();
  if (!name) throw new UsageError('--name is required');
  const role = values.role as AgentRole;
  if (!ROLES.includes(role)) throw new UsageError('--role must be agent, operator or admin');
  const capacity = values.capacity === undefined ? 3 : Number(values.capacity);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 50) throw new UsageError('--capacity must be an integer from 1 to 50');
  const generated = !flags.has('password-stdin');
  const password = generated ? generatePassword() : await readStdin(io.stdin);
  if (password.length < 12) throw new UsageError('the password from stdin must have at least 12 characters');

  const storage = await open();
  try {
    const agent = await storage.handoff.createAgent({ id: `agent_${randomUUID()}`, email, name, role, capacity, passwordHash: await hashPassword(password) });
    io.stdout.write(`Created ${agent.role} ${agent.name} <${agent.email}> (id ${agent.id}, capacity ${agent.capacity}).\n`);
    if (generated) io.stdout.write(`One-time password (shown only now): ${password}\n`);
    return 0;
  } catch (err) {
    if (err instanceof AgentEmailTakenError) {
      io.stderr.write(`An account with email ${err.email} already exists.\n`);
      return 1;
    }
    throw err;
  } finally {
    await storage.close();
  }
}

async function list(argv: string[], io: CliIo, open: () => Promise<Storage>): Promise<number> {
  parseArgs(argv, []);
  const storage = await open();
  try {
    for (const a of await storage.handoff.listAgents()) {
      io.stdout.write(`${a.id}\t${a.email}\t${a.name}\t${a.role}\tcapacity ${a.capacity}${a.disabled ? '\tdisabled' : ''}\n`);
    }
    return 0;
  } finally {
    await storage.close();
  }
}

/** The account changes, by sub-command: what each does and how it is reported. */
const ACTIONS = {
  'set-role': { options: ['email', 'role'] },
  disable: { options: ['email'] },
  enable: { options: ['email'] },
  'reset-password': { options: ['email'] },
  remove: { options: ['email'] },
} as const;

async function change(
  sub: keyof typeof ACTIONS,
  argv: string[],
  io: CliIo,
  open: () => Promise<Storage>,
  openBus: () => Promise<Bus | undefined>,
): Promise<number> {
  const { values, flags } = parseArgs(argv, [...ACTIONS[sub].options]);
  if (flags.has('help')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  const email = values.email?.trim();
  if (!email) throw new UsageError('--email is required');
  const role = values.role as AgentRole;
  if (sub === 'set-role' && !ROLES.includes(role)) throw new UsageError('--role must be agent, operator or admin');

  const storage = await open();
  const bus = await openBus();
  try {
    const agent = await storage.handoff.getAgentByEmail(email);
    if (!agent) {
      io.stderr.write(`No account has the email ${email}.\n`);
      return 1;
    }
    const accounts = createAccountService({
      store: storage.handoff,
      bus: bus ?? { publish: async () => undefined },
      passwords: { hash: hashPassword, generate: () => generatePassword() },
    });
    const who = `${agent.name} <${agent.email}>`;
    const reach = bus ? 'Running nodes closed its sockets.' : 'An open console is signed out at its next action (set REDIS_URL to reach running nodes at once).';
    if (sub === 'set-role') {
      await accounts.setRole(agent.id, role);
      io.stdout.write(`${who} is now ${role}. ${agent.role === role ? 'Nothing changed.' : `Their sessions ended. ${reach}`}\n`);
    } else if (sub === 'disable') {
      await accounts.disable(agent.id);
      io.stdout.write(`Disabled ${who}: they cannot log in. Their sessions ended. ${reach}\n`);
    } else if (sub === 'enable') {
      await accounts.enable(agent.id);
      io.stdout.write(`Enabled ${who}: they can log in again.\n`);
    } else if (sub === 'reset-password') {
      const { password } = await accounts.resetPassword(agent.id);
      io.stdout.write(`New one-time password for ${who} (shown only now): ${password}\nTheir sessions ended. ${reach}\n`);
    } else {
      await accounts.remove(agent.id);
      io.stdout.write(`Removed ${who}. Their chats and notes keep their name. ${reach}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof AccountError) {
      io.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await bus?.close();
    await storage.close();
  }
}
