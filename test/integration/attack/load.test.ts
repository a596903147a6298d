import { strict as assert } from 'node:assert';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, ServerMessage, type ServerMessageOf } from '../../../signaling/protocol';
import { open, signIn, startTestServer, type TestServer } from '../harness';
import { readSequence, sequencedSignal } from './sequencedSignals';

/**
 * 1,000 concurrently paired sessions exchanging signaling for LOAD_SECONDS (default 60, what CI
 * runs; set it lower locally). Every customer sends one sequence-numbered offer a second; its
 * agent answers each with the same number. Each side checks every signal it gets: the session
 * named by the server, the session written inside the payload and the next expected sequence
 * number must all match, so a lost, duplicated, reordered or misrouted message fails the test.
 * One agent socket runs SESSIONS_PER_AGENT_SOCKET (20) sessions, as a busy agent console would (the
 * per-account limits are lifted: every socket signs in as the same agent).
 */
const SESSIONS = Number(process.env.LOAD_SESSIONS ?? 1_000);
const SESSIONS_PER_AGENT_SOCKET = 20;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const SEND_INTERVAL_MS = 1_000;

/** A bare signaling socket: JSON in, every frame validated as a ServerMessage, handed to one listener. */
class LoadSocket {
  problems: string[] = [];
  onMessage: (message: ServerMessage) => void = () => undefined;
  private waiting = new Map<string, Array<(message: ServerMessage) => void>>();

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const parsed = ServerMessage.safeParse(JSON.parse(data.toString()));
      if (!parsed.success) {
        this.problems.push(`invalid frame ${data.toString().slice(0, 200)}`);
        return;
      }
      const message = parsed.data;
      const waiter = this.waiting.get(message.type)?.shift();
      if (waiter) waiter(message);
      else this.onMessage(message);
    });
  }

  static async connect(url: string, role: 'agent' | 'customer', cookie?: string): Promise<LoadSocket> {
    const socket = new LoadSocket(await open(url, role, cookie ? { cookie } : {}));
    socket.send({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'test' });
    await socket.next('welcome');
    return socket;
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  next<T extends ServerMessage['type']>(type: T, timeoutMs = 30_000): Promise<ServerMessageOf<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
      const list = this.waiting.get(type) ?? [];
      list.push((message) => {
        clearTimeout(timer);
        resolve(message as ServerMessageOf<T>);
      });
      this.waiting.set(type, list);
    });
  }

  close(): void {
    this.socket.close();
  }
}

interface LoadSession {
  id: string;
  customer: LoadSocket;
  /** Offers the customer sent, and the next sequence number each side expects to receive. */
  sent: number;
  agentExpects: number;
  customerExpects: number;
}

describe('load: 1,000 concurrent sessions exchanging signaling', function () {
  this.timeout((SECONDS + 180) * 1000);
  let t: TestServer;
  const agents: LoadSocket[] = [];
  const sessions = new Map<string, LoadSession>();
  const violations: string[] = [];
  const note = (problem: string) => {
    if (violations.length < 20) violations.push(problem);
    else if (violations.length === 20) violations.push('…');
  };

  before(async () => {
    // 2,050 sockets from 127.0.0.1: lift the per-address cap, which exists against exactly that.
    t = await startTestServer({
      LOG_LEVEL: 'warn',
      MAX_SOCKETS_PER_ADDRESS: '0',
      MAX_SESSIONS_PER_AGENT: String(SESSIONS),
      KEYS_PER_AGENT_PER_MINUTE: String(SESSIONS),
    });
  });
  after(async () => {
    for (const session of sessions.values()) session.customer.close();
    for (const agent of agents) agent.close();
    await t?.close();
  });

  it(`relays every sequence-numbered signal of ${SESSIONS} sessions for ${SECONDS} s, none lost or misrouted`, async () => {
    const cookie = await signIn(t.url);
    const agentCount = Math.ceil(SESSIONS / SESSIONS_PER_AGENT_SOCKET);
    for (let a = 0; a < agentCount; a++) agents.push(await LoadSocket.connect(t.url, 'agent', cookie));

    // Pair: each agent socket creates its sessions; one customer socket claims each key and consents.
    const owner = new Map<string, LoadSocket>();
    const keys: Array<{ sessionId: string; key: string }> = [];
    await Promise.all(
      agents.map(async (agent, a) => {
        const count = Math.min(SESSIONS_PER_AGENT_SOCKET, SESSIONS - a * SESSIONS_PER_AGENT_SOCKET);
        for (let i = 0; i < count; i++) {
          agent.send({ type: 'session.create', ref: `${a}-${i}` });
          const { sessionId, key } = await agent.next('session.key');
          owner.set(sessionId, agent);
          keys.push({ sessionId, key });
        }
      }),
    );
    for (let start = 0; start < keys.length; start += 100) {
      await Promise.all(
        keys.slice(start, start + 100).map(async ({ sessionId, key }) => {
          const customer = await LoadSocket.connect(t.url, 'customer');
          customer.send({ type: 'key.claim', key });
          assert.equal((await customer.next('key.accepted')).sessionId, sessionId);
          customer.send({ type: 'consent', decision: 'accept' });
          // The consent is on the record (audit trail) before the server acknowledges it.
          assert.equal((await customer.next('consent.recorded')).sessionId, sessionId);
          sessions.set(sessionId, { id: sessionId, customer, sent: 0, agentExpects: 0, customerExpects: 0 });
        }),
      );
    }
    assert.equal(sessions.size, SESSIONS, 'all sessions paired');

    // Agents answer each offer with the same sequence number, after checking it.
    for (const agent of agents) {
      agent.onMessage = (message) => {
        if (message.type !== 'signal') return;
        const session = sessions.get(message.sessionId);
        const sequence = readSequence(message.data);
        if (!session || owner.get(message.sessionId) !== agent) return note(`agent got a signal of a session it does not run: ${message.sessionId}`);
        if (message.from !== 'customer' || sequence?.tag !== session.id) return note(`misrouted to agent of ${session.id}: ${JSON.stringify(message)}`);
        if (sequence.seq !== session.agentExpects) return note(`agent of ${session.id} expected #${session.agentExpects}, got #${sequence.seq}`);
        session.agentExpects++;
        agent.send({ type: 'signal', sessionId: session.id, data: sequencedSignal('answer', session.id, sequence.seq) });
      };
    }
    for (const session of sessions.values()) {
      session.customer.onMessage = (message) => {
        if (message.type === 'session.update') return;
        if (message.type !== 'signal') return note(`customer of ${session.id} got ${JSON.stringify(message)}`);
        const sequence = readSequence(message.data);
        if (message.sessionId !== session.id || sequence?.tag !== session.id || message.from !== 'agent') {
          return note(`misrouted to customer of ${session.id}: ${JSON.stringify(message)}`);
        }
        if (sequence.seq !== session.customerExpects) return note(`customer of ${session.id} expected #${session.customerExpects}, got #${sequence.seq}`);
        session.customerExpects++;
      };
    }
    // Consent reached every agent (two session.updates each) before anyone signals.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const startedAt = Date.now();
    const timers: NodeJS.Timeout[] = [];
    for (const session of sessions.values()) {
      const send = () => {
        session.customer.send({ type: 'signal', data: sequencedSignal('offer', session.id, session.sent) });
        session.sent++;
      };
      // Spread the sessions over the second so the load is even.
      timers.push(setTimeout(() => {
        send();
        timers.push(setInterval(send, SEND_INTERVAL_MS));
      }, Math.random() * SEND_INTERVAL_MS));
    }
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    for (const timer of timers) clearTimeout(timer);
    const sendingMs = Date.now() - startedAt;

    // Let what is in flight arrive, then every offer must have made the whole round trip.
    const all = [...sessions.values()];
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && all.some((s) => s.customerExpects < s.sent)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const offers = all.reduce((sum, s) => sum + s.sent, 0);
    const relayed = all.reduce((sum, s) => sum + s.agentExpects + s.customerExpects, 0);
    console.log(
      `      load: ${SESSIONS} sessions, ${agents.length} agent sockets + ${SESSIONS} customer sockets, ${(sendingMs / 1000).toFixed(0)} s: ` +
        `${offers} offers, ${relayed} signals relayed and checked (${Math.round(relayed / (sendingMs / 1000))} per second)`,
    );
    const problems = [...agents, ...all.map((s) => s.customer)].flatMap((socket) => socket.problems);
    assert.deepEqual(problems, [], 'every frame was a valid ServerMessage');
    assert.deepEqual(violations, [], 'no signal lost, duplicated, reordered or misrouted');
    const short = all.filter((s) => s.agentExpects !== s.sent || s.customerExpects !== s.sent);
    assert.deepEqual(
      short.slice(0, 5).map((s) => `${s.id}: sent ${s.sent}, agent got ${s.agentExpects}, customer got ${s.customerExpects}`),
      [],
      `every offer and answer arrived (${short.length} sessions short)`,
    );
    // Timers run late on a busy machine, so this only checks that every session kept signalling.
    const fewest = Math.min(...all.map((s) => s.sent));
    assert.ok(fewest >= Math.floor(SECONDS / 4), `every session kept signalling throughout (the quietest sent ${fewest})`);
  });
});
