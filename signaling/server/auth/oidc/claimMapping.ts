import type { AgentRole } from '../../db/schema';
import type { ClaimMap } from './signInConfig';

/** Who the identity provider says signed in, as this server's agent account sees it. */
export interface MappedIdentity {
  /** The provider's stable id for the person (`sub`): the account is linked by it, never by name. */
  readonly subject: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: AgentRole;
}

export type ClaimMappingResult = { ok: true; identity: MappedIdentity } | { ok: false; problem: string };

const USERNAME_MAX = 64;
const DISPLAY_NAME_MAX = 100;

/**
 * Maps the ID token's (and userinfo's) claims to an agent account: the username claim (e.g.
 * `preferred_username`, an e-mail address at Entra ID) becomes a username of letters, digits,
 * dots, dashes and underscores (`jane.doe@example.com` → `jane.doe_example.com`); the display-name
 * claim (falling back to the username) is what customers read; the role claim, a string or a list,
 * makes the agent a supervisor when it holds one of the supervisor values.
 */
export function mapClaims(claims: Readonly<Record<string, unknown>>, map: ClaimMap): ClaimMappingResult {
  const subject = claims.sub;
  if (typeof subject !== 'string' || subject.length === 0) return { ok: false, problem: 'the ID token has no subject (sub)' };
  const rawUsername = claimAt(claims, map.username);
  if (typeof rawUsername !== 'string' || rawUsername.trim().length === 0) {
    return { ok: false, problem: `the identity provider sent no "${map.username}" claim (OIDC_USERNAME_CLAIM)` };
  }
  const username = rawUsername
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '_')
    .slice(0, USERNAME_MAX);
  const rawName = claimAt(claims, map.displayName);
  const displayName = (typeof rawName === 'string' && rawName.trim() ? rawName.trim() : rawUsername.trim()).slice(0, DISPLAY_NAME_MAX);
  return { ok: true, identity: { subject, username, displayName, role: roleFrom(claimAt(claims, map.role), map.supervisorValues) } };
}

function roleFrom(value: unknown, supervisorValues: readonly string[]): AgentRole {
  const values = Array.isArray(value) ? value : [value];
  return values.some((item) => typeof item === 'string' && supervisorValues.includes(item)) ? 'supervisor' : 'agent';
}

/** The claim at a dotted path (`realm_access.roles`); a claim whose own name has dots wins. */
function claimAt(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(claims, path)) return claims[path];
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
