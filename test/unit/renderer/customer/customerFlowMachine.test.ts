import assert from 'node:assert/strict';
import { formatKey, keyFromPayload } from '../../../../signaling/protocol';
import { CustomerFlow } from '../../../../renderer/customer/flow/customerFlow';
import { CUSTOMER_FLOW, type FlowEvent } from '../../../../renderer/customer/flow/flowMachine';
import type { Step } from '../../../../renderer/customer/flow/flowState';
import type { ResumeMemory, SavedResume } from '../../../../renderer/customer/flow/resumeMemory';
import type { CapturePermission } from '../../../../renderer/customer/platform/platform';
import { describeTransition, walks } from '../shared/machineWalk';
import { FakeClock, FakePeer, FakePlatform, FakeServer, FakeStream, notAllowed, settle } from './fakes';

const KEY = keyFromPayload('48151623');
const SESSION = 'session_0123456789abcdef';
const agent = { displayName: 'Alice', organisation: 'Example Ltd' };
const saved: SavedResume = { sessionId: SESSION, token: 'T'.repeat(43), graceMs: 60_000, agent };

/** A desktop app whose permission check and capture wait until the test says how they turn out. */
class HeldPlatform extends FakePlatform {
  private gate: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;
  hold(): void {
    this.gate = new Promise<void>((resolve) => (this.release = resolve));
  }
  let(outcome: { permission?: CapturePermission; screens?: number; capture?: 'works' | 'refused' }): void {
    this.permission = outcome.permission ?? 'granted';
    this.screens = Array.from({ length: outcome.screens ?? 1 }, (_, i) => ({ id: `screen:${i}`, name: `Screen ${i + 1}`, kind: 'screen' as const, thumbnailDataUrl: '' }));
    this.nextCapture = async () => {
      if (outcome.capture === 'refused') throw notAllowed();
      return new FakeStream().asMediaStream();
    };
    this.release();
  }
  override async capturePermission(): Promise<CapturePermission> {
    await this.gate;
    return this.permission;
  }
  override async captureScreen(): Promise<MediaStream> {
    await this.gate;
    return super.captureScreen();
  }
}

function harness(start: Step) {
  const platform = new HeldPlatform();
  platform.client = 'desktop';
  const server = new FakeServer();
  const memory: ResumeMemory = { load: () => (start === 'resuming' ? saved : null), save: () => undefined, clear: () => undefined };
  const flow = new CustomerFlow({
    platform,
    connect: server.connect,
    clock: new FakeClock(),
    locale: () => 'en',
    resumeMemory: memory,
    createPeer: (options) => new FakePeer(options),
  });
  const answerResume = (phase: 'key-entered' | 'sharing') => {
    const ref = server.link.sentOf('session.resume').at(-1)?.ref;
    server.link.receive({ type: 'session.resumed', sessionId: SESSION, phase, peer: 'present', agent, ref });
  };
  /** How the test makes each event happen, through the flow's own actions and the server's messages. */
  const drive: Record<FlowEvent, () => Promise<void> | void> = {
    'key-accepted': async () => {
      await flow.submitKey(formatKey(KEY));
      server.link.receive({ type: 'key.accepted', sessionId: SESSION, agent, ref: server.link.sentOf('key.claim').at(-1)?.ref });
    },
    'prepare-capture': async () => {
      platform.hold();
      const step = flow.state.step;
      if (step === 'consent') flow.accept();
      else if (step === 'permission') flow.recheckPermission();
      else if (step === 'picker') await Promise.race([flow.chooseScreen('screen:1'), settle()]);
      else if (step === 'capture-problem') flow.retryCapture();
      else if (step === 'resume-share') flow.continueSharing();
    },
    'needs-permission': () => platform.let({ permission: 'needs-settings' }),
    'screens-listed': () => platform.let({ screens: 2 }),
    'capture-failed': () => platform.let({ capture: 'refused' }),
    captured: () => platform.let({ capture: 'works' }),
    'resumed-before-consent': () => answerResume('key-entered'),
    'resumed-mid-share': () => answerResume('sharing'),
    end: async () => {
      if (flow.state.step !== 'key') return server.link.receive({ type: 'session.ended', sessionId: SESSION, by: 'agent', reason: 'ended' });
      // Before a session, only a browser that cannot capture ends it: the server tells the agent so.
      platform.capture = false;
      await flow.submitKey(formatKey(KEY));
      server.link.receive({ type: 'key.agentTold', agent, ref: server.link.sentOf('key.cannotShare').at(-1)?.ref });
    },
    'start-over': () => flow.startOver(),
  };
  return { flow, drive };
}

describe('the customer flow machine (CUSTOMER_FLOW)', () => {
  const realWarn = console.warn;
  beforeEach(() => (console.warn = () => undefined));
  afterEach(() => (console.warn = realWarn));

  describe('walks every transition through the real flow', () => {
    for (const { transition, start, path } of walks(CUSTOMER_FLOW, ['key', 'resuming'])) {
      it(describeTransition(transition), async () => {
        const { flow, drive } = harness(start);
        await settle();
        for (const event of path) {
          await drive[event]();
          await settle();
        }
        assert.equal(flow.state.step, transition.from, `reached ${transition.from} by ${[start, ...path].join(' → ')}`);
        await drive[transition.event]();
        await settle();
        assert.equal(flow.state.step, transition.to);
      });
    }
  });
});
