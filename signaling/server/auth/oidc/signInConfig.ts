import { z } from 'zod';
import { ConfigError, invalidEnvironment } from '../../configError';

/** A claim name, or a dotted path into nested claims (Keycloak: `realm_access.roles`). */
const claimPath = z
  .string()
  .regex(/^[A-Za-z0-9_:/-]+(\.[A-Za-z0-9_:/-]+)*$/, 'must be a claim name such as roles, or a dotted path such as realm_access.roles');

const SignInEnv = z.object({
  OIDC_ISSUER: z.string().min(1).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  OIDC_PROVIDER_NAME: z.string().trim().min(1).max(60).optional(),
  OIDC_SCOPES: z
    .string()
    .default('openid profile email')
    .refine((scopes) => scopes.split(/\s+/).includes('openid'), 'must include openid, e.g. "openid profile email"'),
  OIDC_USERNAME_CLAIM: claimPath.default('preferred_username'),
  OIDC_DISPLAY_NAME_CLAIM: claimPath.default('name'),
  OIDC_ROLE_CLAIM: claimPath.default('roles'),
  OIDC_SUPERVISOR_VALUES: z
    .string()
    .default('supervisor')
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
    .pipe(z.array(z.string()).min(1, 'must name at least one value, e.g. supervisor')),
  LOCAL_SIGN_IN: z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
});

/** Which claims give an agent's account its name, display name and role. */
export interface ClaimMap {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  /** Values of the role claim (or a value in its list) that make the agent a supervisor. */
  readonly supervisorValues: readonly string[];
}

/** Sign-in through the organisation's identity provider (OIDC_* variables). */
export interface OidcConfig {
  readonly issuer: URL;
  readonly clientId: string;
  /** Unset: a public client (PKCE alone, no client secret). */
  readonly clientSecret: string | undefined;
  /** On the console's button: "Sign in with <providerName>". */
  readonly providerName: string;
  readonly scopes: string;
  readonly claims: ClaimMap;
}

export interface SignInConfig {
  /** Usernames and passwords of the agents file (LOCAL_SIGN_IN, default true). */
  readonly localSignIn: boolean;
  readonly oidc: OidcConfig | undefined;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The ways agents sign in. Wrong or missing OIDC_* variables stop the server, naming each one. */
export function loadSignInConfig(env: NodeJS.ProcessEnv): SignInConfig {
  const parsed = SignInEnv.safeParse(env);
  if (!parsed.success) throw invalidEnvironment(parsed.error);
  const e = parsed.data;
  const problems: string[] = [];
  const localSignIn = e.LOCAL_SIGN_IN === 'true';
  const oidcNamed = Object.keys(env).filter((name) => name.startsWith('OIDC_') && env[name] !== undefined && env[name] !== '');

  let issuer: URL | undefined;
  if (e.OIDC_ISSUER) {
    issuer = URL.canParse(e.OIDC_ISSUER) ? new URL(e.OIDC_ISSUER) : undefined;
    if (!issuer) problems.push('OIDC_ISSUER: must be the identity provider\'s issuer URL, e.g. https://login.example.com/realms/support');
    else if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname))) {
      problems.push('OIDC_ISSUER: must be an https:// URL (http:// only for localhost, when testing)');
    } else if (issuer.search || issuer.hash) problems.push('OIDC_ISSUER: must not carry a query or fragment');
    if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: is required with OIDC_ISSUER (the client id the identity provider gave this server)');
  } else if (oidcNamed.length > 0) {
    problems.push(`OIDC_ISSUER: is required when ${oidcNamed.join(', ')} ${oidcNamed.length === 1 ? 'is' : 'are'} set`);
  }
  if (!localSignIn && !e.OIDC_ISSUER) {
    problems.push('LOCAL_SIGN_IN: false needs OIDC_ISSUER and OIDC_CLIENT_ID, or nobody could sign in');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);

  const oidc: OidcConfig | undefined =
    issuer && e.OIDC_CLIENT_ID
      ? {
          issuer,
          clientId: e.OIDC_CLIENT_ID,
          clientSecret: e.OIDC_CLIENT_SECRET,
          providerName: e.OIDC_PROVIDER_NAME ?? issuer.hostname,
          scopes: e.OIDC_SCOPES.trim().split(/\s+/).join(' '),
          claims: {
            username: e.OIDC_USERNAME_CLAIM,
            displayName: e.OIDC_DISPLAY_NAME_CLAIM,
            role: e.OIDC_ROLE_CLAIM,
            supervisorValues: e.OIDC_SUPERVISOR_VALUES,
          },
        }
      : undefined;
  return { localSignIn, oidc };
}
