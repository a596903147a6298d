/**
 * Manages the agents file:
 *   npm run agents -- add <name> [--display-name "Jane Doe"]   (asks for the password; or --password-stdin)
 *   npm run agents -- passwd <name>
 *   npm run agents -- remove <name>
 *   npm run agents -- list
 * The file is AGENTS_FILE (default data/agents.json).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { readAccounts, Username, writeAccounts } from './accountFile';
import { hashPassword } from './passwords';

const MIN_PASSWORD = 10;

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

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'display-name': { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } },
  });
  const [command, name] = positionals;
  const file = process.env.AGENTS_FILE ?? 'data/agents.json';
  const agents = await readAccounts(file);
  const index = name ? agents.findIndex((a) => a.username.toLowerCase() === name.toLowerCase()) : -1;

  switch (command) {
    case 'list':
      for (const a of agents) console.log(`${a.username}\t${a.displayName}\t(created ${a.createdAt})`);
      if (agents.length === 0) console.log(`No agents in ${file} yet. Add one: npm run agents -- add <name>`);
      return;
    case 'add': {
      const username = Username.parse(name);
      if (index >= 0) throw new Error(`An agent named "${username}" already exists. Use "passwd" to change the password.`);
      const password = await readPassword(values['password-stdin'] ?? false);
      if (password.length < MIN_PASSWORD) throw new Error(`Use a password of at least ${MIN_PASSWORD} characters.`);
      agents.push({
        username,
        displayName: values['display-name'] ?? username,
        passwordHash: await hashPassword(password),
        createdAt: new Date().toISOString(),
      });
      await writeAccounts(file, agents);
      console.log(`Added agent "${username}" to ${file}.`);
      return;
    }
    case 'passwd': {
      const agent = agents[index];
      if (!agent) throw new Error(`No agent named "${name ?? ''}" in ${file}.`);
      const password = await readPassword(values['password-stdin'] ?? false);
      if (password.length < MIN_PASSWORD) throw new Error(`Use a password of at least ${MIN_PASSWORD} characters.`);
      agent.passwordHash = await hashPassword(password);
      await writeAccounts(file, agents);
      console.log(`Changed the password of "${agent.username}". A running server signs them out everywhere within seconds.`);
      return;
    }
    case 'remove': {
      if (index < 0) throw new Error(`No agent named "${name ?? ''}" in ${file}.`);
      agents.splice(index, 1);
      await writeAccounts(file, agents);
      console.log(`Removed agent "${name}". A running server signs them out within seconds and ends their screen shares.`);
      return;
    }
    default:
      console.log('Usage: npm run agents -- add <name> [--display-name "Jane Doe"] [--password-stdin] | passwd <name> | remove <name> | list');
      process.exitCode = command ? 2 : 0;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
