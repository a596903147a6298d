import wrtc from '@roamhq/wrtc';
import SimplePeer from 'simple-peer';
import type { SignalData } from '../../signaling/protocol';

/**
 * A real man in the middle for WebRTC: two peer connections in Node (@roamhq/wrtc), one that
 * answers the customer's offer as if it were the agent, and one that offers to the agent as if it
 * were the customer, passing the picture and data-channel messages from one to the other. DTLS
 * ends in the relay, so each side sees the relay's certificate instead of the other person's —
 * exactly what a compromised server or proxy would do. Signaling goes through the two callbacks.
 */
export interface MitmRelayEvents {
  /** A signal for the customer, to be sent as if from the agent. */
  toCustomer(data: SignalData): void;
  /** A signal for the agent, to be sent as if from the customer. */
  toAgent(data: SignalData): void;
}

export class MitmRelay {
  private readonly customerSide: SimplePeer.Instance;
  private agentSide: SimplePeer.Instance | null = null;
  private readonly pendingForAgentSide: SignalData[] = [];

  constructor(private readonly events: MitmRelayEvents) {
    this.customerSide = new SimplePeer({ initiator: false, trickle: true, wrtc });
    this.customerSide.on('signal', (data: SignalData) => events.toCustomer(data));
    // Once the customer's picture arrives (or the channel opens without one), face the agent with it.
    this.customerSide.on('stream', (stream: MediaStream) => this.openAgentSide(stream));
    this.customerSide.on('connect', () => setTimeout(() => this.openAgentSide(undefined), 500));
    this.customerSide.on('data', (data: unknown) => this.agentSide?.send(data as string));
    this.customerSide.on('error', () => undefined);
  }

  /** A signal from the customer (meant for the agent). */
  fromCustomer(data: SignalData): void {
    this.customerSide.signal(data as SimplePeer.SignalData);
  }

  /** A signal from the agent (meant for the customer). */
  fromAgent(data: SignalData): void {
    if (this.agentSide) this.agentSide.signal(data as SimplePeer.SignalData);
    else this.pendingForAgentSide.push(data);
  }

  destroy(): void {
    this.customerSide.destroy();
    this.agentSide?.destroy();
  }

  private openAgentSide(stream: MediaStream | undefined): void {
    if (this.agentSide) return;
    const peer = new SimplePeer({ initiator: true, trickle: true, wrtc, ...(stream ? { stream } : {}) });
    this.agentSide = peer;
    peer.on('signal', (data: SignalData) => this.events.toAgent(data));
    peer.on('data', (data: unknown) => this.customerSide.send(data as string));
    peer.on('error', () => undefined);
    for (const data of this.pendingForAgentSide.splice(0)) peer.signal(data as SimplePeer.SignalData);
  }
}
