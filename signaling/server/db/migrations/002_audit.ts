import { sql, type Kysely } from 'kysely';

/** The audit trail: a hash chain of events, and its head/checkpoint row. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('agent', 'text')
    .addColumn('actor', 'text')
    .addColumn('customer_address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('receipt', 'text', (c) => c.unique())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
  await db.schema.createIndex('audit_events_agent_at').on('audit_events').columns(['agent', 'at']).execute();
  await db.schema.createIndex('audit_events_session').on('audit_events').column('session_id').execute();
  await db.schema.createIndex('audit_events_conversation').on('audit_events').column('conversation_id').execute();

  await db.schema
    .createTable('audit_chain')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('head_seq', 'bigint', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('purged_seq', 'bigint', (c) => c.notNull())
    .addColumn('purged_hash', 'text', (c) => c.notNull())
    .addColumn('purged_at', 'timestamptz')
    .execute();
  const genesis = '0'.repeat(64);
  await sql`insert into audit_chain (id, head_seq, head_hash, purged_seq, purged_hash) values (1, 0, ${genesis}, 0, ${genesis})`.execute(db);
}
