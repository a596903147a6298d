import * as z from 'zod';

/** The signed-in agent as the server describes them. */
export const AgentProfile = z.object({ username: z.string(), displayName: z.string(), organisation: z.string() });
export type AgentProfile = z.infer<typeof AgentProfile>;

export const BrandingConfig = z.object({
  organisation: z.string(),
  productName: z.string(),
  productNameChosen: z.boolean().default(true),
  defaultLocale: z.enum(['en', 'de']),
});
export type BrandingConfig = z.infer<typeof BrandingConfig>;

const LoginRefusal = z.object({ code: z.string(), message: z.string().optional(), retryAfterMs: z.number().optional() });

export type LoginFailure =
  | { kind: 'invalid-credentials' }
  | { kind: 'too-many-attempts'; retryAfterMs: number | undefined }
  | { kind: 'unreachable' }
  | { kind: 'failed'; status: number };

export type LoginResult = { ok: true; agent: AgentProfile } | { ok: false; failure: LoginFailure };

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

export async function login(username: string, password: string): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetch('/api/agent/login', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ username, password }),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, failure: { kind: 'unreachable' } };
  }
  const body = await readJson(response);
  if (response.ok) {
    const agent = AgentProfile.safeParse(body);
    return agent.success ? { ok: true, agent: agent.data } : { ok: false, failure: { kind: 'failed', status: response.status } };
  }
  const refusal = LoginRefusal.safeParse(body);
  if (response.status === 401) return { ok: false, failure: { kind: 'invalid-credentials' } };
  if (response.status === 429) {
    const fromHeader = Number(response.headers.get('retry-after')) * 1000 || undefined;
    const retryAfterMs = refusal.success ? (refusal.data.retryAfterMs ?? fromHeader) : fromHeader;
    return { ok: false, failure: { kind: 'too-many-attempts', retryAfterMs } };
  }
  return { ok: false, failure: { kind: 'failed', status: response.status } };
}

export type MeResult = { kind: 'signed-in'; agent: AgentProfile } | { kind: 'signed-out' } | { kind: 'unreachable' };

/** Who is signed in, according to the session cookie. */
export async function whoAmI(): Promise<MeResult> {
  try {
    const response = await fetch('/api/agent/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (response.status === 401) return { kind: 'signed-out' };
    if (!response.ok) return { kind: 'unreachable' };
    const agent = AgentProfile.safeParse(await readJson(response));
    return agent.success ? { kind: 'signed-in', agent: agent.data } : { kind: 'unreachable' };
  } catch {
    return { kind: 'unreachable' };
  }
}

const LogoutAnswer = z.object({ endSessionUrl: z.url({ protocol: /^https?$/ }) });

/**
 * Signs out here; answers the identity provider's sign-out page when the agent signed in through
 * it (RP-initiated logout), for the page to go to.
 */
export async function logout(): Promise<{ endSessionUrl: string | undefined }> {
  try {
    const response = await fetch('/api/agent/logout', { method: 'POST', credentials: 'same-origin' });
    const answer = response.status === 200 ? LogoutAnswer.safeParse(await readJson(response)) : undefined;
    return { endSessionUrl: answer?.success ? answer.data.endSessionUrl : undefined };
  } catch (error) {
    // The page forgets the agent either way; the cookie then simply expires on the server.
    console.warn('sign-out request failed', error);
    return { endSessionUrl: undefined };
  }
}

/** How this server lets agents sign in: the password form, the organisation's identity provider, or both. */
export const SignInOptions = z.object({
  localSignIn: z.boolean(),
  identityProvider: z.object({ name: z.string().min(1).max(60), startUrl: z.string().startsWith('/api/') }).nullable(),
});
export type SignInOptions = z.infer<typeof SignInOptions>;

/** Falls back to the password form alone when the server cannot say. */
export async function loadSignInOptions(): Promise<SignInOptions> {
  try {
    const response = await fetch('/api/agent/sign-in-options', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    const options = SignInOptions.safeParse(await readJson(response));
    if (options.success) return options.data;
  } catch {
    // below
  }
  return { localSignIn: true, identityProvider: null };
}

/** Public branding; the console works without it (falls back to neutral names). */
export async function loadBranding(): Promise<BrandingConfig | null> {
  try {
    const response = await fetch('/api/config', { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const config = BrandingConfig.safeParse(await readJson(response));
    return config.success ? config.data : null;
  } catch {
    return null;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}
