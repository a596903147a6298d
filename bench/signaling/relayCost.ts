import * as z from 'zod';
import { AgentMessage } from '../../signaling/protocol';
import { sameJson, stampedSignalText } from '../../signaling/server/context/wireText';
import { MessageRateLimiter } from '../../signaling/server/limits/messageRateLimiter';
import { createMetrics } from '../../signaling/server/metrics';
import { MemorySessionStore } from '../../signaling/server/store/memorySessionStore';

/**
 * Where our server's CPU goes per relayed message: each step of the relay path
 * (ws/messageIntake.ts → handlers/relaySignal.ts) timed on its own in this process, in µs per
 * message. Explains the gap to a bare relay, which does none of these steps.
 */
export interface RelayStepCost {
  step: string;
  microseconds: number;
}

const ROUNDS = 20_000;
const sessionId = 'bench_session_id_0001';
const text = JSON.stringify({
  type: 'signal',
  sessionId,
  data: {
    type: 'candidate',
    candidate: {
      candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host generation 0 ufrag Xq3e network-id 1 network-cost 10',
      sdpMLineIndex: 0,
      sdpMid: '0',
    },
  },
});

async function timeIt(work: (round: number) => unknown): Promise<number> {
  for (let round = 0; round < 2_000; round += 1) await work(round);
  const started = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round += 1) await work(round);
  return Number(process.hrtime.bigint() - started) / 1_000 / ROUNDS;
}

export async function measureRelaySteps(): Promise<RelayStepCost[]> {
  const parsed = JSON.parse(text) as unknown;
  const limiter = new MessageRateLimiter();
  const store = new MemorySessionStore();
  await store.createSession({
    id: sessionId,
    agentUsername: 'bench',
    agentDisplayName: 'Bench',
    agentConnectionId: 'a',
    customerConnectionId: 'c',
    phase: 'sharing',
    key: null,
    keyExpiresAt: null,
    createdAt: Date.now(),
  });
  const metrics = createMetrics(() => []);
  // As the server does (ws/messageIntake.ts): the union compiled once.
  const agentSchema = z.compile(AgentMessage);
  const validated: unknown = agentSchema.safeParse(parsed).data;
  let inbox: Promise<void> = Promise.resolve();

  const steps: Array<[string, (round: number) => unknown]> = [
    ['JSON.parse of the received frame', (): unknown => JSON.parse(text)],
    ['zod validation (AgentMessage, compiled)', () => agentSchema.safeParse(parsed)],
    // 1,000 connection ids, so the limiter never refuses (as in the load test).
    ['per-connection rate limiter', (round) => limiter.allow(`c${round % 1_000}`)],
    ['session lookup (memory store)', () => store.getSession(sessionId)],
    ['metrics counter', () => metrics.signalRelayed('agent')],
    // The relayed text: the received frame with the server's stamp spliced in (no JSON.stringify).
    ['relayed text (unchanged check + stamp splice)', () => sameJson(parsed, validated) && stampedSignalText(text, 'agent', undefined)],
    [
      'per-connection ordering (promise queue)',
      () => {
        inbox = inbox.then(async () => undefined);
        return inbox;
      },
    ],
  ];
  const costs: RelayStepCost[] = [];
  for (const [step, work] of steps) costs.push({ step, microseconds: await timeIt(work) });
  await store.close();
  return costs;
}
