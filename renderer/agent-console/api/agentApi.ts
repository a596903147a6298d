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

export async function logout(): Promise<void> {
  try {
    await fetch('/api/agent/logout', { method: 'POST', credentials: 'same-origin' });
  } catch (error) {
    // The page forgets the agent either way; the cookie then simply expires on the server.
    console.warn('sign-out request failed', error);
  }
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
