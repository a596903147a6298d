import { sql, type Kysely } from 'kysely';

/**
 * Accounts made by signing in through the organisation's identity provider (OIDC): linked to the
 * provider's stable subject, never to a name, and without a password of their own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agents').alterColumn('password_hash', (c) => c.dropNotNull()).execute();
  await db.schema
    .createTable('agent_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('username_key', 'text', (c) => c.notNull().unique().references('agents.username_key').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_sign_in_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('agent_identities_pkey', ['issuer', 'subject'])
    .execute();
}
