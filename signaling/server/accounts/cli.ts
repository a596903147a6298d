/**
 * Manages agent accounts in the server's database (DATABASE_URL, else DATABASE_DIR):
 *   npm run agents -- add <name> [--display-name "Jane Doe"] [--role agent|supervisor]   (asks for the password; or --password-stdin)
 *   npm run agents -- passwd <name>
 *   npm run agents -- disable <name> | enable <name>
 *   npm run agents -- role <name> agent|supervisor
 *   npm run agents -- remove <name>
 *   npm run agents -- list
 * An old agents file (AGENTS_FILE, default data/agents.json) is imported first, once.
 * Every change is recorded in the audit trail; running servers apply it within seconds.
 */
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { AuditLog } from '../audit/auditLog';
import { loadConfig } from '../config';
import { openDatabase } from '../db/openDatabase';
import type { AgentRole } from '../db/schema';
import { runCli } from '../platform/runCli';
import { commandOutbox } from '../webhooks/webhookOutbox';
import { Username } from './accountFile';
import { AccountChanges } from './accountChanges';
import { AccountStore, AGENT_ROLES } from './accountStore';
import { importAgentsFile, importMessage } from './agentsFileImport';
import { hashPassword } from './passwords';

const MIN_PASSWORD = 10;
const USAGE =
  'Usage: npm run agents -- add <name> [--display-name "Jane Doe"] [--role agent|supervisor] [--password-stdin] | passwd <name> | disable <name> | enable <name> | role <name> agent|supervisor | remove <name> | list';

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split('\n')[0]?.trim() ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const first = await rl.question('Password: ');
  const second = await rl.question('Repeat password: ');
  rl.close();
  if (first !== second) throw new Error('The passwords do not match.');
  return first;
}

async function newPasswordHash(fromStdin: boolean): Promise<string> {
  const password = await readPassword(fromStdin);
  if (password.length < MIN_PASSWORD) throw new Error(`Use a password of at least ${MIN_PASSWORD} characters.`);
  return hashPassword(password);
}

function roleOf(value: string | undefined): AgentRole {
  const role = AGENT_ROLES.find((r) => r === value);
  if (!role) throw new Error(`The role must be one of: ${AGENT_ROLES.join(', ')}.`);
  return role;
}

runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'display-name': { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const [command, name, argument] = positionals;
  const fromStdin = values['password-stdin'] ?? false;
  if (!command || !['list', 'add', 'passwd', 'disable', 'enable', 'role', 'remove'].includes(command)) {
    console.log(USAGE);
    process.exitCode = command ? 2 : 0;
    return;
  }
  // Checked before the database is opened, so a typo is answered at once.
  const role = command === 'role' ? roleOf(argument) : command === 'add' ? roleOf(values.role ?? 'agent') : undefined;
  if (command === 'add') Username.parse(name);
  const config = loadConfig();
  const database = await openDatabase(config);
  // Account events reach subscribed webhook endpoints like the server's: the rows go into the
  // outbox in the change's transaction, and the servers' delivery workers send them (within a second).
  const audit = new AuditLog(database.db, { nodeId: `cli@${hostname()}`, addressPolicy: config.auditCustomerAddress, outbox: commandOutbox() });
  try {
    const imported = await importAgentsFile(audit, config.agentsFile);
    if (imported) console.log(importMessage(imported));
    const store = new AccountStore(database.db);
    const changes = new AccountChanges(audit);
    const missing = () => new Error(`No agent named "${name ?? ''}". See: npm run agents -- list`);
    switch (command) {
      case 'list': {
        const all = await store.list();
        for (const a of all) {
          console.log(`${a.username}\t${a.display_name}\t${a.role}${a.disabled ? '\tDISABLED' : ''}\t(created ${a.created_at.toISOString()})`);
        }
        if (all.length === 0) console.log('No agents yet. Add one: npm run agents -- add <name>');
        return;
      }
      case 'add': {
        const username = Username.parse(name);
        if (!role) throw new Error(USAGE);
        if (await store.find(username)) throw new Error(`An agent named "${username}" already exists. Use "passwd" to change the password.`);
        const passwordHash = await newPasswordHash(fromStdin);
        if (!(await changes.add({ username, displayName: values['display-name'] ?? username, passwordHash, role }))) {
          throw new Error(`An agent named "${username}" already exists.`);
        }
        console.log(`Added ${role} "${username}".`);
        return;
      }
      case 'passwd': {
        if (!(await store.find(name ?? ''))) throw missing();
        const passwordHash = await newPasswordHash(fromStdin);
        if (!(await changes.edit(name ?? '', { kind: 'password', passwordHash }))) throw missing();
        console.log(`Changed the password of "${name}". Running servers sign them out everywhere within seconds.`);
        return;
      }
      case 'disable':
      case 'enable': {
        if (!(await changes.edit(name ?? '', { kind: 'disabled', disabled: command === 'disable' }))) throw missing();
        console.log(
          command === 'disable'
            ? `Disabled "${name}". Running servers sign them out everywhere within seconds and end their screen shares.`
            : `Enabled "${name}". They can sign in again.`,
        );
        return;
      }
      case 'role': {
        if (!role) throw new Error(USAGE);
        if (!(await changes.edit(name ?? '', { kind: 'role', role }))) throw missing();
        console.log(`"${name}" is now ${role === 'agent' ? 'an agent' : 'a supervisor'}.`);
        return;
      }
      case 'remove': {
        if (!(await changes.remove(name ?? ''))) throw missing();
        console.log(`Removed agent "${name}". Running servers sign them out within seconds and end their screen shares.`);
        return;
      }
    }
  } finally {
    await audit.flushed();
    await database.close();
  }
});
