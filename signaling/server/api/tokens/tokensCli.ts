/**
 * Manages API tokens in the configured database (DATABASE_URL, else DATABASE_DIR):
 *   npm run tokens -- create --name crm --scopes sessions:write,audit:read   (the token alone on the last line)
 *   npm run tokens -- list
 *   npm run tokens -- revoke <id or name>
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/openDatabase';
import { runCli } from '../../platform/runCli';
import { ApiTokens, parseScopes } from './apiTokens';

runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, scopes: { type: 'string' } },
  });
  const [command, target] = positionals;
  const database = await openDatabase(loadConfig());
  try {
    const tokens = new ApiTokens(database.db);
    switch (command) {
      case 'create': {
        if (!values.name || !values.scopes) throw new Error('Usage: npm run tokens -- create --name crm --scopes sessions:write,audit:read');
        const { token, id } = await tokens.create(values.name, parseScopes(values.scopes));
        console.log(`Created API token ${id} "${values.name}" (${values.scopes}). It is shown only this once:`);
        console.log(token);
        return;
      }
      case 'list': {
        const all = await tokens.list();
        for (const t of all) {
          const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`;
          console.log(`${t.id}\t${t.name}\t${t.scopes.join(',')}\t${state}`);
        }
        if (all.length === 0) console.log('No API tokens yet. Create one: npm run tokens -- create --name crm --scopes sessions:write');
        return;
      }
      case 'revoke': {
        if (!target) throw new Error('Usage: npm run tokens -- revoke <id or name>');
        console.log((await tokens.revoke(target)) ? `Revoked ${target}.` : `No live token ${target}.`);
        return;
      }
      default:
        throw new Error('Usage: npm run tokens -- create --name NAME --scopes SCOPES | list | revoke ID');
    }
  } finally {
    await database.close();
  }
});
