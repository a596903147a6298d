import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, ServerMessage, type ServerMessageOf } from '../../signaling/protocol';
import { writeAccounts } from '../../signaling/server/accounts/accountFile';
import { hashPassword } from '../../signaling/server/accounts/passwords';
import { createSignalingServer, type SignalingServer } from '../../signaling/server/app';
import { loadConfig } from '../../signaling/server/config';
import { createLogger } from '../../signaling/server/log';
import { sharedTestDatabase } from '../support/sharedTestDatabase';

/** A real signaling server on port 0 with a throwaway web root, agents file and demo agents. */
export interface TestServer {
  server: SignalingServer;
  url: string;
  origin: string;
  /** The monitoring port's address, when started with METRICS_PORT. */
  monitoringUrl: string | undefined;
  logLines: string[];
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'screenshare-test-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>customer</title>');
  await writeFile(path.join(dir, 'agent.html'), '<!doctype html><title>agent</title>');
  const logLines: string[] = [];
  // The server's own logger (with its redaction), writing into logLines; LOG_LEVEL as the server's.
  const logger = createLogger(env.LOG_LEVEL ?? 'info', { write: (line: string) => void logLines.push(line) });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_ROOT: dir,
    AGENTS_FILE: path.join(dir, 'agents.json'),
    DEMO_AGENT: 'alice:secret-alice',
    // Every test of a file signs in as alice, like a whole team on one account: the per-account
    // limits (attack/agentAccountLimits.test.ts checks them) would otherwise add up across tests.
    MAX_SESSIONS_PER_AGENT: '1000',
    KEYS_PER_AGENT_PER_MINUTE: '1000',
    ...env,
  });
  // One embedded database for every in-process server of this test run (opening one takes seconds);
  // a test that sets DATABASE_URL or DATABASE_DIR gets that database instead.
  const database = env.DATABASE_URL || env.DATABASE_DIR ? undefined : await sharedTestDatabase();
  const server = await createSignalingServer(config, { logger, ...(database ? { database } : {}) });
  return {
    server,
    url: server.url,
    origin: server.url,
    monitoringUrl: server.monitoringUrl,
    logLines,
    close: () => server.close(),
  };
}

/** A server with two agent accounts: alice (DEMO_AGENT, password secret-alice) and bob (agents file, secret-bob). */
export async function serverWithTwoAgents(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'two-agents-'));
  const agentsFile = path.join(dir, 'agents.json');
  await writeAccounts(agentsFile, [
    { username: 'bob', displayName: 'Bob Berg', passwordHash: await hashPassword('secret-bob'), createdAt: new Date().toISOString() },
  ]);
  return startTestServer({ AGENTS_FILE: agentsFile, ...env });
}

export async function signIn(url: string, username = 'alice', password = 'secret-alice'): Promise<string> {
  const response = await fetch(`${url}/api/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('no cookie');
  return cookie.split(';')[0] ?? '';
}

/** A signaling client as a browser would be: Origin header, hello first, every reply validated. */
export class TestClient {
  private readonly queue: ServerMessage[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  /** The server's welcome, once connect() received it. */
  welcome: ServerMessageOf<'welcome'> | undefined;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const parsed = ServerMessage.safeParse(JSON.parse(data.toString()));
      if (!parsed.success) throw new Error(`server sent an invalid message: ${data.toString()}`);
      this.queue.push(parsed.data);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message of a type (earlier ones of other types stay queued). */
  next<T extends ServerMessage['type']>(type: T, timeoutMs = 3000): Promise<ServerMessageOf<T>> {
    return this.nextOf([type], timeoutMs);
  }

  /** The next message of any of these types, e.g. whichever answer a request gets. */
  async nextOf<T extends ServerMessage['type']>(types: readonly T[], timeoutMs = 3000): Promise<ServerMessageOf<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.queue.findIndex((message) => (types as readonly string[]).includes(message.type));
      if (index >= 0) return this.queue.splice(index, 1)[0] as ServerMessageOf<T>;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no "${types.join('" or "')}" message within ${timeoutMs} ms; got ${JSON.stringify(this.queue)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves true if a message of that type arrives within the window (for "nothing leaked" checks). */
  async receives(type: ServerMessage['type'], withinMs = 300): Promise<boolean> {
    try {
      await this.next(type, withinMs);
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.socket.close();
  }
}

export interface ConnectOptions {
  cookie?: string;
  /** The page's origin; null sends none (as a non-browser client would). Default: the server's own. */
  origin?: string | null;
  /** Connect as if from this address behind the load balancer (the server needs TRUST_PROXY=true). */
  forwardedFor?: string;
}

export function open(
  url: string,
  role: 'agent' | 'customer',
  options: ConnectOptions = {},
): Promise<WebSocket> {
  const wsUrl = url.replace(/^http/, 'ws') + `/ws/${role}`;
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.forwardedFor) headers['x-forwarded-for'] = options.forwardedFor;
  const origin = options.origin === undefined ? url : options.origin;
  const socket = new WebSocket(wsUrl, { headers, ...(origin ? { origin } : {}) });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

export async function connect(
  url: string,
  role: 'agent' | 'customer',
  options: ConnectOptions = {},
): Promise<TestClient> {
  const client = new TestClient(await open(url, role, options));
  client.send({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'test' });
  client.welcome = await client.next('welcome');
  return client;
}

/** An agent with a fresh session: returns the agent client, the session id and its key. */
export async function agentWithSession(url: string, cookie?: string) {
  const agent = await connect(url, 'agent', { cookie: cookie ?? (await signIn(url)) });
  agent.send({ type: 'session.create', ref: 'r1' });
  const { sessionId, key, expiresAt } = await agent.next('session.key');
  return { agent, sessionId, key, expiresAt };
}

/** A customer who claimed the key and consented: the session is ready for signaling. */
export async function pairedSession(url: string) {
  const { agent, sessionId, key } = await agentWithSession(url);
  const customer = await connect(url, 'customer');
  customer.send({ type: 'key.claim', key });
  await customer.next('key.accepted');
  customer.send({ type: 'consent', decision: 'accept' });
  await agent.next('session.update'); // key-entered
  await agent.next('session.update'); // choosing-screen
  return { agent, customer, sessionId, key };
}

/** A syntactically valid key (right check digit) that differs from the given one. */
export { keyFromPayload } from '../../signaling/protocol';
