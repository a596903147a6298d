import { strict as assert } from 'node:assert';
import type { SignalData } from '../../../signaling/protocol';
import { pairedSession, type TestClient } from '../harness';

/**
 * Signaling payloads that carry who sent them and a sequence number inside the SDP, so a test can
 * tell a lost, duplicated, reordered or misrouted message from a delivered one.
 */
export function sequencedSignal(kind: 'offer' | 'answer', tag: string, seq: number): SignalData {
  return { type: kind, sdp: `v=0\r\na=x-tag:${tag}\r\na=x-seq:${seq}\r\n` };
}

export function readSequence(data: SignalData): { tag: string; seq: number } | undefined {
  if (!('sdp' in data)) return undefined;
  const match = /a=x-tag:([^\r]+)\r\na=x-seq:(\d+)/.exec(data.sdp);
  return match?.[1] && match[2] ? { tag: match[1], seq: Number(match[2]) } : undefined;
}

/** A paired, consented session that keeps checking its own signal round trip while others attack. */
export class WitnessSession {
  private seq = 0;

  private constructor(
    readonly agent: TestClient,
    readonly customer: TestClient,
    readonly sessionId: string,
  ) {}

  static async start(url: string): Promise<WitnessSession> {
    const { agent, customer, sessionId } = await pairedSession(url);
    return new WitnessSession(agent, customer, sessionId);
  }

  get roundTrips(): number {
    return this.seq;
  }

  /** customer → agent and back, each checked for sender, session and sequence number. */
  async roundTrip(timeoutMs = 10_000): Promise<void> {
    const seq = this.seq++;
    this.customer.send({ type: 'signal', data: sequencedSignal('offer', 'witness-customer', seq) });
    const atAgent = await this.agent.next('signal', timeoutMs);
    assert.equal(atAgent.sessionId, this.sessionId);
    assert.equal(atAgent.from, 'customer');
    assert.deepEqual(readSequence(atAgent.data), { tag: 'witness-customer', seq });
    this.agent.send({ type: 'signal', sessionId: this.sessionId, data: sequencedSignal('answer', 'witness-agent', seq) });
    const atCustomer = await this.customer.next('signal', timeoutMs);
    assert.equal(atCustomer.from, 'agent');
    assert.deepEqual(readSequence(atCustomer.data), { tag: 'witness-agent', seq });
  }

  /** Nothing else reached either side: no foreign signal, no ending, no error. */
  async assertUntouched(): Promise<void> {
    for (const [side, client] of [['agent', this.agent], ['customer', this.customer]] as const) {
      for (const type of ['signal', 'session.ended', 'error', 'session.update'] as const) {
        assert.equal(await client.receives(type, 50), false, `the witness ${side} got an unexpected "${type}"`);
      }
    }
  }

  close(): void {
    this.agent.close();
    this.customer.close();
  }
}
