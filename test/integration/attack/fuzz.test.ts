import { strict as assert } from 'node:assert';
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { AgentMessage, CustomerMessage, MAX_MESSAGE_BYTES, ServerMessage } from '../../../signaling/protocol';
import { signIn, startTestServer, type TestServer } from '../harness';
import { attackConnect } from './attackClient';
import { almostValidOf, malformedFrom, validOf, type Json } from './schemaArbitraries';
import { WitnessSession } from './sequencedSignals';

/**
 * Fuzzing the signaling server with messages generated from the protocol's own zod schemas, on
 * agent and customer sockets: valid messages, almost-valid ones (a wrong type, an extra field such
 * as __proto__, a dropped field, a 60 KB or odd-Unicode string, another type name, deep nesting)
 * and text that is not a message at all. Each fuzz message is followed by a sentinel request that
 * echoes a ref, so every answer is attributed to the message that caused it:
 * - a message the schema rejects is answered by exactly one typed error ("bad-message", or
 *   "not-allowed" for the other role's type), and nothing else;
 * - every frame the server sends is a valid ServerMessage;
 * - a paired session next door keeps its signal round trip (checked after every batch) and sees
 *   nothing else;
 * - the heap after GC stays flat (bound below).
 */

const BATCHES_PER_ROLE = 92;
/** 55 fuzz messages + 55 sentinels + hello = 111 frames, inside the 120-per-2-s rate limit of a socket. */
const BATCH_SIZE = 55;
/** Heap growth allowed after GC between the warm-up and the end: generous, a leak of ~1 KB per message would exceed it. */
const HEAP_GROWTH_BOUND_BYTES = 24 * 1024 * 1024;

const typeNames = [...AgentMessage.options, ...CustomerMessage.options].map((option) => String(option.shape.type.value));

function gcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return v8.getHeapStatistics().used_heap_size;
}

function messagesFor(role: 'agent' | 'customer', witnessSessionId: string): fc.Arbitrary<string> {
  const own = role === 'agent' ? AgentMessage : CustomerMessage;
  const other = role === 'agent' ? CustomerMessage : AgentMessage;
  // Aim some agent messages at a session that belongs to someone else.
  const hints = { sessionId: fc.constant<Json>(witnessSessionId) };
  const valid = validOf(own, hints);
  return fc
    .oneof(
      { weight: 3, arbitrary: valid.map((message) => JSON.stringify(message)) },
      { weight: 1, arbitrary: validOf(other, hints).map((message) => JSON.stringify(message)) },
      { weight: 4, arbitrary: almostValidOf(valid, typeNames) },
      { weight: 2, arbitrary: malformedFrom(valid) },
    )
    .filter((text) => Buffer.byteLength(text) <= MAX_MESSAGE_BYTES);
}

/** A request that always gets an error echoing its ref, whatever state the connection is in. */
function sentinel(role: 'agent' | 'customer', index: number): object {
  const ref = `sentinel-${index}`;
  return role === 'agent'
    ? { type: 'session.renewKey', sessionId: 'sentinel-session-id-0000', ref }
    : { type: 'key.claim', key: '000000001', ref }; // wrong check digit: refused before any lookup
}

function schemaAccepts(role: 'agent' | 'customer', text: string): boolean {
  try {
    return (role === 'agent' ? AgentMessage : CustomerMessage).safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

interface BatchStats {
  sent: number;
  rejected: number;
  answersToValid: number;
}

async function fuzzBatch(t: TestServer, role: 'agent' | 'customer', cookie: string, batch: string[], stats: BatchStats) {
  const client = await attackConnect(t.url, role, role === 'agent' ? { cookie } : {});
  try {
    batch.forEach((text, index) => {
      client.send(text);
      client.send(sentinel(role, index));
    });
    const isSentinel = (message: ServerMessage) => message.type === 'error' && message.ref?.startsWith('sentinel-') === true;
    const complete = await client.until((received) => received.filter(isSentinel).length === batch.length);
    const closed = client.isOpen ? '' : ` (socket closed: ${JSON.stringify(await client.closed)})`;
    assert.ok(complete, `every fuzz message was answered${closed}; got ${client.received.length} messages`);
    assert.deepEqual(client.invalid, [], 'every frame from the server is a valid ServerMessage');

    let index = 0;
    let answers: ServerMessage[] = [];
    for (const message of client.received) {
      if (!isSentinel(message)) {
        answers.push(message);
        continue;
      }
      assert.equal(message.type === 'error' && message.ref, `sentinel-${index}`, 'answers come back in order');
      const text = batch[index] ?? '';
      if (schemaAccepts(role, text)) {
        stats.answersToValid += answers.length;
      } else {
        stats.rejected++;
        assert.equal(answers.length, 1, `exactly one answer to the rejected message ${text.slice(0, 200)}; got ${JSON.stringify(answers)}`);
        const [answer] = answers;
        assert.ok(
          answer?.type === 'error' && (answer.code === 'bad-message' || answer.code === 'not-allowed'),
          `a typed bad-message/not-allowed error for ${text.slice(0, 200)}; got ${JSON.stringify(answer)}`,
        );
      }
      stats.sent++;
      answers = [];
      index++;
    }
    assert.equal(client.isOpen, true, 'fuzzing never gets the socket closed (only oversize and binary frames do)');
  } finally {
    client.close();
    await client.closed;
  }
}

describe('attack: fuzzing every message type (fast-check)', function () {
  this.timeout(240_000);
  let t: TestServer;
  let witness: WitnessSession;
  let cookie: string;
  let gc: () => void;

  before(async () => {
    gc = gcFunction();
    // Generous attempt limits, so fuzzed keys reach the store instead of stopping at the lock.
    t = await startTestServer({ KEY_ATTEMPTS_PER_IP: '1000000', KEY_ATTEMPTS_GLOBAL: '1000000' });
    witness = await WitnessSession.start(t.url);
    cookie = await signIn(t.url);
  });
  after(async () => {
    witness?.close();
    await t?.close();
  });

  it(`answers ${2 * BATCHES_PER_ROLE * BATCH_SIZE} generated messages with typed errors, never crashes, leaves other sessions alone, keeps memory flat`, async () => {
    const stats: BatchStats = { sent: 0, rejected: 0, answersToValid: 0 };
    let warmHeap = 0;
    let batches = 0;
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    for (const role of ['customer', 'agent'] as const) {
      const details = await fc.check(
        fc.asyncProperty(fc.array(messagesFor(role, witness.sessionId), { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), async (batch) => {
          await fuzzBatch(t, role, cookie, batch, stats);
          await witness.roundTrip();
          if (++batches === 20) {
            t.logLines.length = 0;
            warmHeap = heapAfterGc(gc);
          }
        }),
        { numRuns: BATCHES_PER_ROLE, seed, endOnFailure: true },
      );
      // The failing batch itself can be megabytes: report the error and how to replay it instead.
      if (details.failed) {
        const error = details.errorInstance;
        throw new Error(`${role} fuzz failed (FUZZ_SEED=${seed}, run ${details.numRuns}): ${error instanceof Error ? error.message.slice(0, 2000) : String(error)}`);
      }
    }
    await witness.assertUntouched();
    await witness.roundTrip();
    t.logLines.length = 0;
    const endHeap = heapAfterGc(gc);
    const growth = endHeap - warmHeap;
    console.log(
      `      fuzz (seed ${seed}): ${stats.sent} messages, ${stats.rejected} rejected by the schema (each with one typed error), ` +
        `${stats.answersToValid} answers to valid ones; witness round trips: ${witness.roundTrips}; ` +
        `heap after GC ${(warmHeap / 2 ** 20).toFixed(1)} → ${(endHeap / 2 ** 20).toFixed(1)} MiB (bound +${HEAP_GROWTH_BOUND_BYTES / 2 ** 20} MiB)`,
    );
    assert.ok(stats.sent >= 10_000, `at least 10,000 messages (${stats.sent})`);
    assert.ok(growth < HEAP_GROWTH_BOUND_BYTES, `heap grew by ${(growth / 2 ** 20).toFixed(1)} MiB`);
  });

  it('closes a socket that sends binary frames (4400) or invalid UTF-8, and stays up for everyone else', async () => {
    const frames = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 4096 }), { numRuns: 100, seed: 42 });
    for (const [index, bytes] of frames.entries()) {
      const role = index % 2 === 0 ? 'customer' : 'agent';
      const client = await attackConnect(t.url, role, role === 'agent' ? { cookie } : {});
      client.send(Buffer.from(bytes), { binary: true });
      assert.equal((await client.closed).code, 4400);
    }
    for (const bytes of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0x7b, 0x22, 0xf8, 0x22, 0x7d]]) {
      const client = await attackConnect(t.url, 'customer');
      client.send(Buffer.from(bytes), { binary: false });
      assert.equal((await client.closed).code, 1007, 'invalid UTF-8 in a text frame');
    }
    await witness.roundTrip();
    await witness.assertUntouched();
  });
});

