import type { Migration } from 'kysely/migration';
import * as agents from './001_agents';
import * as audit from './002_audit';
import * as apiTokens from './003_api_tokens';
import * as webhooks from './004_webhooks';
import * as agentIdentities from './005_agent_identities';

/**
 * Every migration, in order. The server bundles into one file, so they are listed here rather
 * than read from a folder. To change the schema: add NNN_what.ts with `up(db)`, add it below,
 * and describe the table in ../schema.ts. Never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '001_agents': agents,
  '002_audit': audit,
  '003_api_tokens': apiTokens,
  '004_webhooks': webhooks,
  '005_agent_identities': agentIdentities,
};
