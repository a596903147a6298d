import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, ServerMessage, type ServerMessageOf } from '../../signaling/protocol';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';

/**
 * A customer holding a valid key plays the receiving side against the REAL agent console: it
 * offers a receive-only video transceiver (asking for the agent's picture), then asks the agent
 * to renegotiate and to add a video transceiver. The agent console must never offer, never send
 * a track, and answer only with an inactive media section. The attacker's RTCPeerConnection runs
 * in a Chromium page; its signaling goes over a plain WebSocket (no customer page involved).
 */

type Signal = ServerMessageOf<'signal'>;

class AttackerSocket {
  readonly received: Array<ServerMessage | undefined> = [];
  readonly signals: Signal[] = [];
  readonly errors: string[] = [];
  private waiters: Array<() => void> = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const parsed = ServerMessage.safeParse(JSON.parse(data.toString()));
      if (!parsed.success) this.errors.push(`invalid frame: ${data.toString()}`);
      else if (parsed.data.type === 'signal') this.signals.push(parsed.data);
      else if (parsed.data.type === 'error') this.errors.push(parsed.data.code);
      this.received.push(parsed.success ? parsed.data : undefined);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(serverUrl: string): Promise<AttackerSocket> {
    const socket = new WebSocket(serverUrl.replace(/^http/, 'ws') + '/ws/customer', { origin: serverUrl });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const attacker = new AttackerSocket(socket);
    attacker.send({ type: 'hello', protocol: PROTOCOL_VERSION, client: 'test' });
    await attacker.waitFor((message) => message?.type === 'welcome');
    return attacker;
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  async waitFor(match: (message: ServerMessage | undefined) => boolean, timeoutMs = 15_000): Promise<ServerMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`attacker: expected message not received; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

test('a customer with a valid key who plays the receiver never gets a track from the agent console', async ({
  server,
  agentContext,
  fakeCustomerContext,
}) => {
  const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
  const session = await agent.startScreenShare();
  const key = (await session.key()).replace(/ /g, '');

  const attacker = await AttackerSocket.open(server.url);
  try {
    attacker.send({ type: 'key.claim', key });
    await attacker.waitFor((message) => message?.type === 'key.accepted');
    attacker.send({ type: 'consent', decision: 'accept' });
    await expect(session.status).toHaveText('The customer is choosing what to share');

    // The attacker's own peer connection: receive-only video, no track of its own.
    const page = await (await fakeCustomerContext('attacker')).newPage();
    await page.goto(`${server.url}/api/config`);
    const offerSdp = await page.evaluate(async () => {
      const pc = new RTCPeerConnection();
      (window as unknown as { pc: RTCPeerConnection; tracks: string[] }).pc = pc;
      const tracks: string[] = [];
      (window as unknown as { tracks: string[] }).tracks = tracks;
      pc.ontrack = (event) => tracks.push(event.track.kind);
      pc.addTransceiver('video', { direction: 'recvonly' });
      await pc.setLocalDescription(await pc.createOffer());
      await new Promise<void>((resolve) => {
        if (pc.iceGatheringState === 'complete') return resolve();
        pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && resolve();
        setTimeout(resolve, 3_000);
      });
      return pc.localDescription?.sdp ?? '';
    });
    expect(offerSdp).toContain('a=recvonly');
    attacker.send({ type: 'signal', data: { type: 'offer', sdp: offerSdp } });

    const answer = (await attacker.waitFor((message) => message?.type === 'signal' && message.data.type === 'answer')) as Signal;
    const answerSdp = 'sdp' in answer.data ? answer.data.sdp : '';
    const videoSection = answerSdp.slice(answerSdp.indexOf('m=video'));
    expect(videoSection, 'the agent answers the video section as inactive: it has nothing to send').toContain('a=inactive');
    expect(answerSdp, 'no track of the agent is described in the answer').not.toMatch(/^a=(msid:|ssrc:)/m);

    await page.evaluate(async (sdp) => {
      const { pc } = window as unknown as { pc: RTCPeerConnection };
      await pc.setRemoteDescription({ type: 'answer', sdp });
    }, answerSdp);
    for (const signal of attacker.signals.filter((s) => s.data.type === 'candidate')) {
      await page.evaluate(async (candidate) => {
        const { pc } = window as unknown as { pc: RTCPeerConnection };
        await pc.addIceCandidate(candidate).catch(() => undefined);
      }, 'candidate' in signal.data ? signal.data.candidate : {});
    }

    // Asking the agent to renegotiate or to add a transceiver gets no offer out of it.
    attacker.send({ type: 'signal', data: { type: 'renegotiate', renegotiate: true } });
    attacker.send({
      type: 'signal',
      data: { type: 'transceiverRequest', transceiverRequest: { kind: 'video', init: { direction: 'recvonly' } } },
    });
    await page.waitForTimeout(3_000); // time for any reaction the console might have

    const fromAgent = attacker.signals.map((signal) => signal.data.type);
    expect(fromAgent.filter((type) => type !== 'answer' && type !== 'candidate'), `the agent only answered: ${fromAgent.join(', ')}`).toEqual([]);
    expect(attacker.signals.every((signal) => signal.from === 'agent' && signal.sessionId === answer.sessionId)).toBe(true);
    const seen = await page.evaluate(async () => {
      const { pc, tracks } = window as unknown as { pc: RTCPeerConnection; tracks: string[] };
      let bytes = 0;
      (await pc.getStats()).forEach((report: { type: string; bytesReceived?: number }) => {
        if (report.type === 'inbound-rtp') bytes += report.bytesReceived ?? 0;
      });
      return { tracks, bytes, direction: pc.getTransceivers()[0]?.currentDirection ?? null };
    });
    expect(seen.tracks, 'no track event ever fired for the attacker').toEqual([]);
    expect(seen.bytes, 'no media bytes reached the attacker').toBe(0);
    expect(seen.direction).toBe('inactive');
    expect(attacker.errors).toEqual([]);
  } finally {
    attacker.close();
  }
});
