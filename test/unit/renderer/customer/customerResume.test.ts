import assert from 'node:assert/strict';
import { formatKey, keyFromPayload, type ServerMessageOf } from '../../../../signaling/protocol';
import { CustomerFlow, MAX_SILENT_PEER_RESTARTS, PEER_LOSS_GRACE_MS } from '../../../../renderer/customer/flow/customerFlow';
import type { FlowState } from '../../../../renderer/customer/flow/flowState';
import type { ResumeMemory, SavedResume } from '../../../../renderer/customer/flow/resumeMemory';
import { FakeClock, FakePeer, FakePlatform, FakeServer, FakeStream, settle } from './fakes';

const KEY = keyFromPayload('48151623');
const SESSION = 'session_0123456789abcdef';
const TOKEN = 'T'.repeat(43);
const agent = { displayName: 'Alice', organisation: 'Example Ltd' };
const GRACE_MS = 60_000;

class FakeMemory implements ResumeMemory {
  saved: SavedResume | null = null;
  load = () => this.saved;
  save = (saved: SavedResume) => void (this.saved = saved);
  clear = () => void (this.saved = null);
}

function setUp(memory = new FakeMemory()) {
  const platform = new FakePlatform();
  const server = new FakeServer();
  const clock = new FakeClock();
  const peers: FakePeer[] = [];
  const flow = new CustomerFlow({
    platform,
    connect: server.connect,
    clock,
    locale: () => 'en',
    resumeMemory: memory,
    createPeer: (options) => {
      const peer = new FakePeer(options);
      peers.push(peer);
      return peer;
    },
  });
  const stateOf = <S extends FlowState['step']>(s: S) => {
    assert.equal(flow.state.step, s);
    return flow.state as Extract<FlowState, { step: S }>;
  };
  const share = async () => {
    platform.nextCapture = async () => new FakeStream().asMediaStream();
    await flow.submitKey(formatKey(KEY));
    server.link.receive({ type: 'key.accepted', sessionId: SESSION, agent, ref: server.link.sentOf('key.claim')[0]?.ref });
    server.link.receive({ type: 'session.token', sessionId: SESSION, token: TOKEN, graceMs: GRACE_MS });
    flow.accept();
    await settle();
    assert.equal(flow.state.step, 'sharing');
  };
  /** The server answers the latest session.resume. */
  const answerResume = (change: Partial<ServerMessageOf<'session.resumed'>> = {}) => {
    const ref = server.link.sentOf('session.resume').at(-1)?.ref;
    server.link.receive({ type: 'session.resumed', sessionId: SESSION, phase: 'sharing', peer: 'present', agent, ref, ...change });
  };
  return { platform, server, clock, flow, peers, memory, stateOf, share, answerResume };
}

describe('the customer flow resumes', () => {
  const realWarn = console.warn;
  beforeEach(() => (console.warn = () => undefined));
  afterEach(() => (console.warn = realWarn));

  it('remembers the resume token once the key is accepted', async () => {
    const { memory, share } = setUp();
    await share();
    assert.deepEqual(memory.saved, { sessionId: SESSION, token: TOKEN, graceMs: GRACE_MS, agent });
  });

  it('keeps sharing when the socket drops: Reconnecting…, a new socket, session.resume, then normal', async () => {
    const { server, clock, peers, stateOf, share, answerResume } = setUp();
    await share();
    peers[0]?.options.onConnect?.();
    assert.equal(stateOf('sharing').connected, true);
    server.link.dropped();
    assert.equal(stateOf('sharing').reconnecting, true);
    assert.equal(peers[0]?.destroyed, false, 'the picture keeps flowing');
    clock.advance(1_000);
    await settle();
    assert.equal(server.links.length, 2);
    assert.deepEqual(server.link.sentOf('session.resume')[0], { type: 'session.resume', token: TOKEN, hasPeer: true, ref: 'resume-1' });
    answerResume();
    assert.equal(stateOf('sharing').reconnecting, false);
    assert.equal(peers.length, 1, 'no new peer was needed');
  });

  it('keeps trying while the server is unreachable, and gives up with "connection lost" after the grace period', async () => {
    const { server, clock, memory, stateOf, share } = setUp();
    await share();
    server.reachable = false;
    server.link.dropped();
    const passTime = async (ms: number) => {
      for (let passed = 0; passed < ms; passed += 500) {
        clock.advance(500);
        await settle();
      }
    };
    await passTime(GRACE_MS - 5_000);
    assert.equal(stateOf('sharing').reconnecting, true);
    assert.ok(server.requests.length > 5, 'it kept trying');
    await passTime(15_000);
    assert.equal(stateOf('ended').outcome, 'connection-lost');
    assert.equal(memory.saved, null, 'a dead token is forgotten');
  });

  it('ends as "connection lost" when the server says the session cannot be resumed', async () => {
    const { server, clock, stateOf, share } = setUp();
    await share();
    server.link.dropped();
    clock.advance(1_000);
    await settle();
    const ref = server.link.sentOf('session.resume')[0]?.ref;
    server.link.receive({ type: 'error', code: 'resume-expired', message: 'gone', ref });
    assert.equal(stateOf('ended').outcome, 'connection-lost');
  });

  it('shows Reconnecting… while the agent is away and starts a new peer when the agent reloaded', async () => {
    const { server, peers, stateOf, share } = setUp();
    await share();
    server.link.receive({ type: 'session.peer', sessionId: SESSION, state: 'away' });
    assert.equal(stateOf('sharing').reconnecting, true);
    peers[0]?.options.onClose?.();
    assert.equal(stateOf('sharing').reconnecting, true, 'a lost peer while the agent is away is not the end');
    server.link.receive({ type: 'session.peer', sessionId: SESSION, state: 'back', needsNewPeer: true });
    assert.equal(stateOf('sharing').reconnecting, false);
    assert.equal(peers.length, 2);
    assert.equal(peers[0]?.destroyed, true);
  });

  it('when the picture drops and the server says nothing (the network may be gone), reconnects and starts a new peer', async () => {
    const { server, clock, peers, stateOf, share, answerResume } = setUp();
    await share();
    peers[0]?.options.onError?.(new Error('Connection failed.'));
    clock.advance(PEER_LOSS_GRACE_MS);
    assert.equal(stateOf('sharing').reconnecting, true, 'not the end: the page reconnects');
    assert.equal(server.links[0]?.closedByPage, true);
    clock.advance(1_000);
    await settle();
    assert.equal(server.link.sentOf('session.resume')[0]?.hasPeer, false, 'the agent is asked to drop its peer too');
    answerResume();
    assert.equal(stateOf('sharing').reconnecting, false);
    assert.equal(peers.length, 2, 'a fresh peer offers the picture again');
  });

  it('ends as "connection lost" when the picture keeps failing after the retries', async () => {
    const { server, clock, peers, stateOf, share, answerResume } = setUp();
    await share();
    for (let retry = 0; retry < MAX_SILENT_PEER_RESTARTS; retry++) {
      peers.at(-1)?.options.onClose?.();
      clock.advance(PEER_LOSS_GRACE_MS + 1_000);
      await settle();
      answerResume();
    }
    peers.at(-1)?.options.onClose?.();
    clock.advance(PEER_LOSS_GRACE_MS);
    assert.equal(stateOf('ended').outcome, 'connection-lost');
    assert.equal(server.links.length, MAX_SILENT_PEER_RESTARTS + 1);
  });

  it('sends a consent given while the connection was down once the session is resumed', async () => {
    const { server, clock, flow, peers, platform, stateOf, answerResume } = setUp();
    platform.nextCapture = async () => new FakeStream().asMediaStream();
    await flow.submitKey(formatKey(KEY));
    server.link.receive({ type: 'key.accepted', sessionId: SESSION, agent, ref: server.link.sentOf('key.claim')[0]?.ref });
    server.link.receive({ type: 'session.token', sessionId: SESSION, token: TOKEN, graceMs: GRACE_MS });
    server.link.dropped();
    assert.equal(stateOf('consent').agent.displayName, 'Alice', 'the question stays on screen');
    flow.accept();
    await settle();
    clock.advance(1_000);
    await settle();
    assert.deepEqual(server.link.sentOf('consent'), [], 'nothing before the resume');
    answerResume({ phase: 'key-entered' });
    assert.deepEqual(server.link.sentOf('consent'), [{ type: 'consent', decision: 'accept' }]);
    assert.deepEqual(server.link.sentOf('share.state').map((m) => m.state), ['choosing', 'sharing']);
    assert.equal(stateOf('sharing').reconnecting, false);
    assert.equal(peers.length, 2, 'the offer made while away may be lost: a fresh peer offers again');
  });

  it('after a reload: resumes with the saved token, asks for one click, then shares again', async () => {
    const memory = new FakeMemory();
    memory.saved = { sessionId: SESSION, token: TOKEN, graceMs: GRACE_MS, agent };
    const { server, flow, platform, peers, stateOf, answerResume } = setUp(memory);
    assert.equal(stateOf('resuming').agent?.displayName, 'Alice');
    await settle();
    assert.deepEqual(server.link.sentOf('session.resume')[0]?.hasPeer, false, 'a reloaded page has no peer');
    answerResume();
    assert.equal(stateOf('resume-share').agent.displayName, 'Alice');
    platform.nextCapture = async () => new FakeStream().asMediaStream();
    flow.continueSharing();
    await settle();
    assert.equal(stateOf('sharing').reconnecting, false);
    assert.equal(peers.length, 1);
    assert.deepEqual(server.link.sentOf('share.state').map((m) => m.state), ['choosing', 'sharing']);
  });

  it('after a reload before consent: asks for consent again', async () => {
    const memory = new FakeMemory();
    memory.saved = { sessionId: SESSION, token: TOKEN, graceMs: GRACE_MS, agent };
    const { stateOf, answerResume } = setUp(memory);
    await settle();
    answerResume({ phase: 'key-entered' });
    assert.equal(stateOf('consent').agent.displayName, 'Alice');
  });
});
