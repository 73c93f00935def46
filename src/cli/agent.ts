import { randomUUID } from 'node:crypto';
import { generatePassword, hashPassword } from '../http/auth/password';
import { loadConfig } from '../config';
import { AgentEmailTakenError, type AgentRole } from '../storage/handoff';
import { createStorage } from '../storage/create';
import type { Storage } from '../storage/types';
import { parseArgs, UsageError, type CliIo } from './args';

const USAGE = `Usage:
  support-bot agent add --email E --name N --role agent|operator|admin [--capacity 3] [--password-stdin]
      creates an account; prints a one-time password unless --password-stdin reads one from stdin
  support-bot agent list
      lists accounts (id, email, name, role, capacity)`;

const ROLES: readonly AgentRole[] = ['agent', 'operator', 'admin'];

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let data = '';
  for await (const chunk of stdin) data += chunk.toString();
  return data.replace(/\r?\n$/, '');
}

/** `agent add` / `agent list` against the configured storage (DATA_DIR or DATABASE_URL). */
export async function runAgent(argv: string[], io: CliIo, open: () => Promise<Storage> = () => createStorage(loadConfig())): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'add') return await add(rest, io, open);
    if (sub === 'list') return await list(rest, io, open);
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
