import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiTokenRow, Tables } from '../../db/schema';
import { parseChoices } from '../../platform/parseChoices';

/** What a token may do. Each endpoint of /api/v1 names the one scope it needs. */
export const API_SCOPES = ['sessions:read', 'sessions:write', 'audit:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly ApiScope[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export class ApiTokenError extends Error {}

const PREFIX = 'sst_';

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Parses "sessions:write,audit:read"; an unknown scope is an error that lists the known ones. */
export function parseScopes(text: string): ApiScope[] {
  return parseChoices(text, API_SCOPES, 'scope');
}

/** API tokens in the database: created once (the secret is shown then and never again), hashed, revocable. */
export class ApiTokens {
  constructor(private readonly db: Kysely<Tables>) {}

  async create(name: string, scopes: readonly ApiScope[]): Promise<{ token: string; id: string }> {
    if (!/^[\w.-]{1,64}$/.test(name)) throw new ApiTokenError('Name a token with 1-64 letters, digits, dots, dashes or underscores.');
    const id = `tok_${randomBytes(6).toString('hex')}`;
    const token = `${PREFIX}${id.slice(4)}_${randomBytes(32).toString('base64url')}`;
    await this.db.insertInto('api_tokens').values({ id, name, token_hash: hashApiToken(token), scopes: scopes.join(','), last_used_at: null, revoked_at: null }).execute();
    return { token, id };
  }

  async list(): Promise<ApiToken[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute();
    return rows.map(tokenFromRow);
  }

  /** Revokes by id or name; true when a live token was revoked. */
  async revoke(idOrName: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The live token this bearer string is, if any; notes when it was last used. */
  async verify(token: string): Promise<ApiToken | undefined> {
    if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
    const row = await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date() })
      .where('token_hash', '=', hashApiToken(token))
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row && tokenFromRow(row);
  }
}

function tokenFromRow(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.split(',') as ApiScope[],
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at && new Date(row.last_used_at),
    revokedAt: row.revoked_at && new Date(row.revoked_at),
  };
}
