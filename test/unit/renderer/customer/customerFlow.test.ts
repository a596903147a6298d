import assert from 'node:assert/strict';
import { formatKey, keyFromPayload, type ServerMessageOf } from '../../../../signaling/protocol';
import {
  CLAIM_TIMEOUT_MS,
  CustomerFlow,
  LINGER_MS,
  PEER_LOSS_GRACE_MS,
} from '../../../../renderer/customer/flow/customerFlow';
import type { FlowState } from '../../../../renderer/customer/flow/flowState';
import {
  FakeClock,
  FakePeer,
  FakePlatform,
  FakeServer,
  FakeStream,
  notAllowed,
  settle,
} from './fakes';
import { problemWords, wordsIn } from './words';

const KEY = keyFromPayload('48151623');
const SESSION = 'session_0123456789abcdef';
const agent = { displayName: 'Alice', organisation: 'Example Ltd' };
const accepted = (ref?: string): ServerMessageOf<'key.accepted'> => ({ type: 'key.accepted', sessionId: SESSION, agent, ref });
const ended = (by: 'agent' | 'customer' | 'server', reason: ServerMessageOf<'session.ended'>['reason']) =>
  ({ type: 'session.ended', sessionId: SESSION, by, reason }) as const;

function setUp(configure: (platform: FakePlatform) => void = () => undefined, options: { windowShare?: boolean } = {}) {
  const platform = new FakePlatform();
  configure(platform);
  const server = new FakeServer();
  server.windowShare = options.windowShare ?? false;
  const clock = new FakeClock();
  const peers: FakePeer[] = [];
  const flow = new CustomerFlow({
    platform,
    connect: server.connect,
    clock,
    locale: () => 'en',
    createPeer: (options) => {
      const peer = new FakePeer(options);
      peers.push(peer);
      return peer;
    },
  });
  const step = () => flow.state.step;
  const stateOf = <S extends FlowState['step']>(s: S) => {
    assert.equal(flow.state.step, s);
    return flow.state as Extract<FlowState, { step: S }>;
  };
  /** Types the key, and the server accepts it. */
  const claim = async () => {
    await flow.submitKey(formatKey(KEY));
    const claimRef = server.link.sentOf('key.claim')[0]?.ref;
    server.link.receive(accepted(claimRef));
  };
  /** Claims, consents, and the browser hands over a screen. */
  const share = async () => {
    const stream = new FakeStream();
    platform.nextCapture = async () => stream.asMediaStream();
    await claim();
    flow.accept();
    await settle();
    assert.equal(step(), 'sharing');
    return { stream, peer: peers.at(-1)! };
  };
  return { platform, server, clock, flow, peers, step, stateOf, claim, share };
}

describe('the customer flow', () => {
  // The flow logs what went wrong for whoever opens the browser console; keep test output clean.
  const realWarn = console.warn;
  beforeEach(() => (console.warn = () => undefined));
  afterEach(() => (console.warn = realWarn));

  describe('entering the key', () => {
    it('catches a typo on the page without contacting the server', async () => {
      const { flow, server, stateOf } = setUp();
      const typo = KEY.slice(0, 8) + String((Number(KEY[8]) + 1) % 10);
      await flow.submitKey(typo);
      const say = await wordsIn('en');
      assert.equal(say(stateOf('key').problem!.message), 'This key has a typo');
      assert.equal(server.requests.length, 0);
    });

    it('sends the key without spaces or dashes and shows who asks once the server accepts it', async () => {
      const { flow, server, stateOf } = setUp();
      await flow.submitKey(formatKey(KEY).replace(/ /g, '-'));
      assert.equal(stateOf('key').busy, true);
      assert.deepEqual(server.requests, [{ serverOrigin: 'https://support.example.test', client: 'web', locale: 'en' }]);
      const [claim] = server.link.sentOf('key.claim');
      assert.equal(claim?.key, KEY);
      server.link.receive(accepted(claim?.ref));
      assert.deepEqual(stateOf('consent').agent, agent);
    });

    it('connects while the key is typed, so Continue only sends it, on that one connection', async () => {
      const { flow, server, stateOf, claim } = setUp();
      flow.editKey('4');
      flow.editKey('48');
      await settle();
      assert.equal(server.links.length, 1, 'the first digit opened the connection');
      assert.equal(server.link.sentOf('key.claim').length, 0, 'nothing is claimed before Continue');
      await claim();
      assert.equal(server.links.length, 1);
      assert.equal(server.link.sentOf('key.claim')[0]?.key, KEY);
      assert.deepEqual(stateOf('consent').agent, agent);
    });

    it('waits for the connection still opening when Continue comes at once, rather than opening another', async () => {
      const { flow, server, stateOf } = setUp();
      flow.editKey(KEY);
      await flow.submitKey(KEY);
      assert.equal(server.requests.length, 1);
      assert.equal(server.link.sentOf('key.claim').length, 1);
      assert.equal(stateOf('key').busy, true);
    });

    it('says nothing while typing when the server cannot be reached, and says so at Continue', async () => {
      const { flow, server, stateOf } = setUp();
      server.reachable = false;
      flow.editKey('4815');
      await settle();
      assert.equal(stateOf('key').problem, null);
      await flow.submitKey(KEY);
      assert.equal(server.requests.length, 2, 'Continue tried again');
      const say = await wordsIn('en');
      assert.equal(say(stateOf('key').problem!.message), 'The screen sharing service cannot be reached.');
    });

    it('shows the server’s refusal and lets the customer try again on the same connection', async () => {
      const { flow, server, stateOf } = setUp();
      await flow.submitKey(KEY);
      server.link.receive({ type: 'error', code: 'key-wrong', message: 'no', ref: server.link.sentOf('key.claim')[0]?.ref });
      const say = await wordsIn('en');
      assert.deepEqual(problemWords(say, stateOf('key').problem), [
        'This key is not correct.',
        'Please check the digits with your support contact and try again.',
      ]);
      assert.equal(stateOf('key').busy, false);
      await flow.submitKey(KEY);
      assert.equal(server.links.length, 1);
      assert.equal(server.link.sentOf('key.claim').length, 2);
    });

    it('keeps "Continue" off after too many attempts until the wait is over', async () => {
      const { flow, server, clock, stateOf } = setUp();
      await flow.submitKey(KEY);
      server.link.receive({ type: 'error', code: 'too-many-attempts', message: 'wait', retryAfterMs: 90_000, ref: 'claim-1' });
      const say = await wordsIn('en');
      assert.equal(say(stateOf('key').problem!.detail!), 'For your security, please wait 2 minutes and then try again.');
      assert.notEqual(stateOf('key').blockedUntil, null);
      await flow.submitKey(KEY);
      assert.equal(server.link.sentOf('key.claim').length, 1, 'no attempt while blocked');
      clock.advance(90_000);
      assert.equal(stateOf('key').blockedUntil, null);
      assert.equal(stateOf('key').problem, null, 'the stale "wait" message is gone');
      await flow.submitKey(KEY);
      assert.equal(server.link.sentOf('key.claim').length, 2);
    });

    it('says the service cannot be reached when connecting fails or no answer comes', async () => {
      const { flow, server, clock, stateOf } = setUp();
      server.reachable = false;
      await flow.submitKey(KEY);
      const say = await wordsIn('en');
      assert.equal(say(stateOf('key').problem!.message), 'The screen sharing service cannot be reached.');

      server.reachable = true;
      await flow.submitKey(KEY);
      clock.advance(CLAIM_TIMEOUT_MS);
      assert.equal(say(stateOf('key').problem!.message), 'The screen sharing service cannot be reached.');
      assert.equal(server.link.closedByPage, true);
      assert.equal(stateOf('key').busy, false);
    });

    it('a flow its page discards after a refused key closes its socket and waits for nothing more', async () => {
      const { flow, server, clock, stateOf } = setUp();
      await flow.submitKey(KEY);
      server.link.receive({ type: 'error', code: 'key-expired', message: 'no', ref: server.link.sentOf('key.claim')[0]?.ref });
      assert.notEqual(stateOf('key').problem, null);
      flow.discard();
      assert.equal(server.link.closedByPage, true);
      clock.advance(CLAIM_TIMEOUT_MS);
      assert.equal(server.links.length, 1, 'no reconnecting');
    });

    it('a flow discarded while its key is still unanswered closes its socket and never reports a timeout', async () => {
      const { flow, server, clock, stateOf } = setUp();
      await flow.submitKey(KEY);
      flow.discard();
      assert.equal(server.link.closedByPage, true);
      clock.advance(CLAIM_TIMEOUT_MS);
      assert.equal(stateOf('key').problem, null);
      assert.equal(server.links.length, 1, 'no reconnecting');
    });

    it('fills in a key from a web link but waits for "Continue"', () => {
      const { flow, server } = setUp((p) => (p.startKey = { key: '123 456 789', submit: false }));
      assert.equal(flow.state.step === 'key' && flow.state.keyText, '123 456 789');
      assert.equal(server.requests.length, 0);
    });

    it('continues at once with a key from a desktop deep link', async () => {
      const { platform, server, stateOf } = setUp();
      platform.deliverKey(KEY);
      await settle();
      assert.equal(server.link.sentOf('key.claim')[0]?.key, KEY);
      assert.equal(stateOf('key').keyText, KEY);
    });
  });

  describe('consent and capture', () => {
    it('shares after consent: tells the server, captures, and sends the stream to a sender peer', async () => {
      const { server, share, platform, stateOf } = setUp();
      const { stream, peer } = await share();
      const link = server.link;
      assert.deepEqual(link.sent.map((m) => (m.type === 'share.state' ? `share.state ${m.state}` : m.type)), [
        'key.claim',
        'consent',
        'share.state choosing',
        'share.state sharing',
      ]);
      assert.equal(peer.stream, stream.asMediaStream());
      assert.deepEqual(peer.options.iceServers, link.iceServers);
      assert.deepEqual(platform.sharingStates, [{ sharing: true, agentName: 'Alice', paused: false }]);
      assert.equal(stateOf('sharing').connected, false);

      peer.options.onSignal({ type: 'offer', sdp: 'v=0' });
      assert.deepEqual(link.sentOf('signal'), [{ type: 'signal', data: { type: 'offer', sdp: 'v=0' } }]);
      link.receive({ type: 'signal', sessionId: SESSION, from: 'agent', data: { type: 'answer', sdp: 'v=0' } });
      assert.deepEqual(peer.received, [{ type: 'answer', sdp: 'v=0' }]);
      peer.options.onConnect?.();
      assert.equal(stateOf('sharing').connected, true);
    });

    it('connects to the agent without the picture while the consent screen shows, and adds the picture on "Share my screen"', async () => {
      const { flow, server, claim, peers, platform, stateOf } = setUp();
      const stream = new FakeStream();
      platform.nextCapture = async () => stream.asMediaStream();
      await claim();
      stateOf('consent');
      assert.equal(peers.length, 1, 'the connection starts while the customer reads who asks');
      const [peer] = peers;
      assert.equal(peer?.stream, null, 'no screen before consent');
      assert.equal(peer?.options.stream, undefined);
      peer?.options.onSignal({ type: 'offer', sdp: 'v=0' });
      assert.deepEqual(server.link.sentOf('signal'), [{ type: 'signal', data: { type: 'offer', sdp: 'v=0' } }]);
      peer?.options.onConnect?.();
      await settle();
      stateOf('consent');
      assert.deepEqual(platform.sharingStates, [], 'connected is not sharing');

      flow.accept();
      await settle();
      assert.equal(peers.length, 1, 'the same connection carries the picture');
      assert.equal(peer?.stream, stream.asMediaStream());
      assert.equal(stateOf('sharing').connected, true);
      assert.deepEqual(stateOf('sharing').words, peer?.words);
    });

    it('at "Share my screen" negotiates the picture’s video section while the browser’s dialog is open, and hands it the captured screen', async () => {
      const { flow, platform, claim, peers, stateOf } = setUp();
      let pick: (stream: MediaStream) => void = () => undefined;
      platform.nextCapture = () => new Promise((resolve) => (pick = resolve));
      await claim();
      const [peer] = peers;
      assert.equal(peer?.video, 'none', 'nothing about a picture before consent');
      flow.accept();
      assert.equal(peer?.video, 'prepared', 'at the click, before the capture resolves');
      await settle();
      stateOf('choosing');
      assert.equal(peer?.stream, null, 'no screen yet: the section carries nothing');
      const stream = new FakeStream();
      pick(stream.asMediaStream());
      await settle();
      assert.equal(peers.length, 1, 'the same connection, no new peer');
      assert.equal(peer?.stream, stream.asMediaStream());
      assert.equal(peer?.video, 'prepared', 'the screen goes into the prepared section');
      stateOf('sharing');
    });

    it('a cancelled dialog closes the prepared video section and keeps the connection; "Try again" prepares it afresh', async () => {
      const { flow, platform, claim, peers, stateOf, server } = setUp((p) => (p.nextCapture = async () => Promise.reject(notAllowed())));
      await claim();
      const [peer] = peers;
      flow.accept();
      await settle();
      assert.equal(stateOf('capture-problem').problem, 'denied');
      assert.equal(peer?.video, 'dropped', 'the agent’s side is not left waiting for a picture');
      assert.equal(peer?.destroyed, false, 'the connection itself stays for the next try');
      assert.equal(server.link.sentOf('share.state').filter((m) => m.state === 'sharing').length, 0);

      const stream = new FakeStream();
      platform.nextCapture = async () => stream.asMediaStream();
      flow.retryCapture();
      assert.equal(peer?.video, 'prepared');
      await settle();
      assert.equal(peers.length, 1);
      assert.equal(peer?.stream, stream.asMediaStream());
      stateOf('sharing');
    });

    it('a capture that fails after the negotiation started (screen busy, a window where only screens may go) closes the section too', async () => {
      const busy = new Error('Could not start video source');
      busy.name = 'NotReadableError';
      const failed = setUp((p) => (p.nextCapture = async () => Promise.reject(busy)));
      await failed.claim();
      failed.flow.accept();
      await settle();
      assert.equal(failed.stateOf('capture-problem').problem, 'failed');
      assert.equal(failed.peers[0]?.video, 'dropped');

      const window = setUp((p) => (p.surface = 'window'));
      await window.claim();
      window.flow.accept();
      await settle();
      assert.equal(window.stateOf('capture-problem').problem, 'whole-screen');
      assert.equal(window.peers[0]?.video, 'dropped');
      assert.equal(window.peers[0]?.stream, null);
    });

    it('a picture connection replaced while the dialog is open prepares the video section again', async () => {
      const { flow, platform, claim, peers, server } = setUp();
      let pick: (stream: MediaStream) => void = () => undefined;
      platform.nextCapture = () => new Promise((resolve) => (pick = resolve));
      await claim();
      flow.accept();
      await settle();
      server.link.receive({ type: 'session.peer', sessionId: SESSION, state: 'back', needsNewPeer: true });
      assert.equal(peers.length, 2);
      assert.equal(peers[0]?.destroyed, true);
      assert.equal(peers[1]?.video, 'prepared');
      const stream = new FakeStream();
      pick(stream.asMediaStream());
      await settle();
      assert.equal(peers[1]?.stream, stream.asMediaStream());
    });

    it('declining closes the connection made while the consent screen showed, without any screen', async () => {
      const { flow, claim, peers, platform } = setUp();
      await claim();
      flow.decline();
      assert.equal(peers[0]?.destroyed, true);
      assert.equal(peers[0]?.stream, null);
      assert.equal(platform.captures, 0);
    });

    it('a double click on "Share my screen" opens the screen dialog only once', async () => {
      const { flow, platform, claim, server, step } = setUp();
      await claim();
      flow.accept();
      flow.accept();
      await settle();
      assert.equal(platform.captures, 1);
      assert.equal(server.link.sentOf('consent').length, 1);
      assert.equal(step(), 'sharing');
    });

    it('declining tells the server and nothing is captured', async () => {
      const { flow, server, platform, clock, claim, stateOf } = setUp();
      await claim();
      flow.decline();
      assert.deepEqual(server.link.sentOf('consent'), [{ type: 'consent', decision: 'decline' }]);
      assert.equal(stateOf('ended').outcome, 'declined');
      assert.equal(platform.captures, 0);
      assert.equal(server.link.isOpen, true, 'the socket stays open until the server confirms');
      server.link.receive(ended('customer', 'declined'));
      assert.equal(server.link.closedByPage, true);
      assert.equal(clock.pending, 0);
    });

    it('offers "Try again" when the customer or the browser said no, and "Cancel" ends the session', async () => {
      const { flow, server, platform, claim, stateOf } = setUp((p) => (p.nextCapture = async () => Promise.reject(notAllowed())));
      await claim();
      flow.accept();
      await settle();
      assert.equal(stateOf('capture-problem').problem, 'denied');

      flow.retryCapture();
      await settle();
      assert.equal(platform.captures, 2);
      assert.equal(stateOf('capture-problem').problem, 'denied');

      flow.cancel();
      assert.deepEqual(server.link.sentOf('session.end'), [{ type: 'session.end', reason: 'capture-failed' }]);
      assert.equal(stateOf('ended').outcome, 'cancelled');
    });

    it('where the operator allows it, a window picked in the browser is shared, and the server hears it is one window', async () => {
      const { flow, server, claim, stateOf } = setUp((p) => (p.surface = 'window'), { windowShare: true });
      await claim();
      flow.accept();
      assert.equal(stateOf('choosing').windows, true, 'the page says a window may be picked');
      await settle();
      assert.equal(stateOf('sharing').surface, 'window');
      assert.deepEqual(server.link.sentOf('share.state').at(-1), { type: 'share.state', state: 'sharing', surface: 'window' });
    });

    it('where only whole screens may be shared, a picked window is stopped at once and the customer is asked for the entire screen', async () => {
      const window = new FakeStream();
      const { flow, server, platform, claim, stateOf } = setUp((p) => {
        p.surface = 'window';
        p.nextCapture = async () => window.asMediaStream();
      });
      await claim();
      flow.accept();
      assert.equal(stateOf('choosing').windows, false);
      await settle();
      assert.equal(stateOf('capture-problem').problem, 'whole-screen');
      assert.equal(window.track.readyState, 'ended', 'the window capture is stopped');
      assert.equal(server.link.sentOf('share.state').filter((m) => m.state === 'sharing').length, 0, 'nothing was shared');

      platform.surface = 'screen';
      platform.nextCapture = async () => new FakeStream().asMediaStream();
      flow.retryCapture();
      await settle();
      assert.equal(stateOf('sharing').surface, 'screen');
      assert.deepEqual(server.link.sentOf('share.state').at(-1), { type: 'share.state', state: 'sharing', surface: 'screen' });
    });

    it('can succeed on the second try', async () => {
      const { flow, platform, claim, step } = setUp((p) => (p.nextCapture = async () => Promise.reject(notAllowed())));
      await claim();
      flow.accept();
      await settle();
      platform.nextCapture = async () => new FakeStream().asMediaStream();
      flow.retryCapture();
      await settle();
      assert.equal(step(), 'sharing');
    });

    it('in a browser without screen sharing, warns early, checks the key without using it up and says the agent knows', async () => {
      const { server, stateOf, flow } = setUp((p) => (p.capture = false));
      assert.equal(stateOf('key').unsupported, true);
      await flow.submitKey(formatKey(KEY));
      assert.deepEqual(server.link.sentOf('key.claim'), [], 'the key is not claimed');
      const [check] = server.link.sentOf('key.cannotShare');
      assert.equal(check?.key, KEY);
      server.link.receive({ type: 'key.agentTold', agent, ref: check?.ref });
      const ended = stateOf('ended');
      assert.equal(ended.outcome, 'unsupported');
      assert.deepEqual(ended.agent, agent);
      assert.deepEqual(server.link.sentOf('session.end'), [], 'there was no session to end');
      flow.startOver();
      assert.equal(stateOf('key').unsupported, true);
    });

    it('in a browser without screen sharing, a wrong key is refused as usual', async () => {
      const { server, stateOf, flow } = setUp((p) => (p.capture = false));
      await flow.submitKey(KEY);
      server.link.receive({ type: 'error', code: 'key-expired', message: 'no', ref: server.link.sentOf('key.cannotShare')[0]?.ref });
      const say = await wordsIn('en');
      assert.equal(say(stateOf('key').problem!.message), 'This key has expired.');
    });
  });

  describe('pausing', () => {
    it('"Pause" holds the picture back and tells the server; "Resume" lets it go without asking again', async () => {
      const { flow, server, platform, share, stateOf } = setUp();
      const { stream, peer } = await share();
      flow.pause();
      assert.equal(peer.paused, true, 'the sender peer sends no frames');
      assert.equal(stream.track.enabled, false);
      assert.equal(stateOf('sharing').paused, true);
      assert.deepEqual(platform.sharingStates.at(-1), { sharing: true, agentName: 'Alice', paused: true });
      flow.resume();
      assert.equal(peer.paused, false);
      assert.equal(stream.track.enabled, true);
      assert.equal(stateOf('sharing').paused, false);
      assert.deepEqual(
        server.link.sentOf('share.state').map((message) => message.state),
        ['choosing', 'sharing', 'paused', 'sharing'],
      );
      assert.equal(server.link.sentOf('consent').length, 1, 'resuming needs no new consent');
      assert.equal(peer.destroyed, false, 'the connection stays up while paused');
    });

    it('the desktop indicator or tray can pause and resume too', async () => {
      const { platform, share, stateOf } = setUp();
      const { peer } = await share();
      platform.requestPause(true);
      assert.equal(stateOf('sharing').paused, true);
      assert.equal(peer.paused, true);
      platform.requestPause(false);
      assert.equal(stateOf('sharing').paused, false);
    });

    it('a new picture connection while paused starts paused', async () => {
      const { flow, server, peers, share } = setUp();
      await share();
      flow.pause();
      server.link.receive({ type: 'session.peer', sessionId: SESSION, state: 'back', needsNewPeer: true });
      const fresh = peers.at(-1)!;
      assert.equal(peers.length, 2);
      assert.equal(fresh.paused, true);
    });
  });

  describe('ending', () => {
    it('"Stop sharing" ends the session, stops the capture and closes the connection', async () => {
      const { flow, server, platform, clock, share, stateOf } = setUp();
      const { stream, peer } = await share();
      flow.stop();
      assert.deepEqual(server.link.sentOf('session.end'), [{ type: 'session.end', reason: 'stopped' }]);
      assert.equal(peer.destroyed, true);
      assert.equal(stream.track.readyState, 'ended');
      assert.equal(stateOf('ended').outcome, 'stopped');
      assert.deepEqual(platform.sharingStates.at(-1), { sharing: false, agentName: undefined });
      clock.advance(LINGER_MS);
      assert.equal(server.link.closedByPage, true);
    });

    it('the browser’s own "Stop sharing" ends it exactly like the button', async () => {
      const { server, share, stateOf } = setUp();
      const { stream, peer } = await share();
      stream.track.endedByBrowser();
      assert.deepEqual(server.link.sentOf('session.end'), [{ type: 'session.end', reason: 'stopped' }]);
      assert.equal(peer.destroyed, true);
      assert.equal(stateOf('ended').outcome, 'stopped');
    });

    it('the desktop indicator’s "Stop" ends it too', async () => {
      const { platform, share, stateOf, server } = setUp();
      await share();
      platform.requestStop();
      assert.equal(stateOf('ended').outcome, 'stopped');
      assert.equal(server.link.sentOf('session.end').length, 1);
    });

    it('when the agent ends it, says so and stops capturing', async () => {
      const { server, share, stateOf } = setUp();
      const { stream, peer } = await share();
      server.link.receive(ended('agent', 'ended'));
      assert.equal(stateOf('ended').outcome, 'agent-ended');
      assert.equal(stream.track.readyState, 'ended');
      assert.equal(peer.destroyed, true);
      assert.equal(server.link.sentOf('session.end').length, 0);
      assert.equal(server.link.closedByPage, true);
    });

    it('when the socket drops, says the connection was lost', async () => {
      const { server, share, stateOf } = setUp();
      const { stream } = await share();
      server.link.dropped();
      assert.equal(stateOf('ended').outcome, 'connection-lost');
      assert.equal(stream.track.readyState, 'ended');
    });

    it('when the picture connection fails, waits briefly for the server’s reason, then calls it lost', async () => {
      const { server, clock, share, stateOf } = setUp();
      const { peer } = await share();
      peer.options.onClose?.();
      assert.equal(stateOf('sharing').agent.displayName, 'Alice');
      clock.advance(PEER_LOSS_GRACE_MS);
      assert.equal(stateOf('ended').outcome, 'connection-lost');
      assert.equal(server.link.closedByPage, true, 'closing lets the server tell the agent the connection was lost');
      assert.equal(server.link.sentOf('session.end').length, 0);
    });

    it('if the agent’s end arrives just after the picture dropped, the customer reads that the agent ended it', async () => {
      const { server, clock, share, stateOf } = setUp();
      const { peer } = await share();
      peer.options.onError?.(new Error('Connection failed.'));
      clock.advance(PEER_LOSS_GRACE_MS / 2);
      server.link.receive(ended('agent', 'ended'));
      clock.advance(PEER_LOSS_GRACE_MS);
      assert.equal(stateOf('ended').outcome, 'agent-ended');
    });

    it('closing the page while sharing tells the server', async () => {
      const { flow, server, share } = setUp();
      await share();
      flow.leave();
      assert.deepEqual(server.link.sentOf('session.end'), [{ type: 'session.end', reason: 'stopped' }]);
    });

    it('after any end, "Enter a new key" starts over with a new connection', async () => {
      const { flow, server, share, stateOf, claim } = setUp();
      await share();
      server.link.receive(ended('agent', 'ended'));
      flow.startOver();
      assert.equal(stateOf('key').keyText, '');
      assert.equal(stateOf('key').problem, null);
      await claim();
      assert.equal(server.links.length, 2);
      assert.equal(stateOf('consent').agent.displayName, 'Alice');
    });

    it('a late capture after the session ended is stopped at once, never shared', async () => {
      let release: (stream: MediaStream) => void = () => undefined;
      const late = new FakeStream();
      const { flow, server, claim, stateOf, peers } = setUp(
        (p) => (p.nextCapture = () => new Promise<MediaStream>((resolve) => (release = resolve))),
      );
      await claim();
      flow.accept();
      await settle();
      assert.equal(stateOf('choosing').browserDialog, true);
      server.link.receive(ended('agent', 'ended'));
      release(late.asMediaStream());
      await settle();
      assert.equal(late.track.readyState, 'ended');
      assert.equal(peers[0]?.stream, null, 'the screen never reached a peer');
      assert.equal(peers[0]?.destroyed, true);
      assert.equal(stateOf('ended').outcome, 'agent-ended');
    });
  });

  describe('in the desktop app', () => {
    const screens = [
      { id: 'screen:1', name: 'Built-in display', kind: 'screen' as const, thumbnailDataUrl: 'data:image/png;base64,AA==' },
      { id: 'screen:2', name: 'DELL U2720Q', kind: 'screen' as const, thumbnailDataUrl: 'data:image/png;base64,AA==' },
    ];

    it('with one screen there is no extra step', async () => {
      const { flow, platform, claim, step } = setUp((p) => {
        p.client = 'desktop';
        p.screens = [screens[0]!];
      });
      await claim();
      flow.accept();
      await settle();
      assert.deepEqual(platform.chosen, ['screen:1']);
      assert.equal(step(), 'sharing');
    });

    it('with several screens the customer picks one, and the thumbnails stay live', async () => {
      const { flow, platform, clock, claim, stateOf, step } = setUp((p) => {
        p.client = 'desktop';
        p.screens = screens;
      });
      await claim();
      flow.accept();
      await settle();
      assert.deepEqual(stateOf('picker').screens.map((s) => s.name), ['Built-in display', 'DELL U2720Q']);
      platform.screens = screens.map((s) => ({ ...s, thumbnailDataUrl: 'data:image/png;base64,BB==' }));
      clock.advance(2_000);
      await settle();
      assert.equal(stateOf('picker').screens[0]?.thumbnailDataUrl, 'data:image/png;base64,BB==');
      await flow.chooseScreen('screen:2');
      await settle();
      assert.deepEqual(platform.chosen, ['screen:2']);
      assert.equal(step(), 'sharing');
      assert.equal(clock.pending, 0, 'the thumbnail refresh stopped');
    });

    it('offers single windows in the picker only where the operator allows it', async () => {
      const withWindow = [screens[0]!, { id: 'window:7', name: 'Mail', kind: 'window' as const, thumbnailDataUrl: 'data:image/png;base64,AA==' }];
      const screensOnly = setUp((p) => {
        p.client = 'desktop';
        p.screens = withWindow;
      });
      await screensOnly.claim();
      screensOnly.flow.accept();
      await settle();
      assert.deepEqual(screensOnly.platform.listedWithWindows, [false]);
      assert.equal(screensOnly.step(), 'sharing', 'one screen and no windows: nothing to pick');

      const allowed = setUp(
        (p) => {
          p.client = 'desktop';
          p.screens = withWindow;
        },
        { windowShare: true },
      );
      await allowed.claim();
      allowed.flow.accept();
      await settle();
      assert.deepEqual(allowed.stateOf('picker').screens.map((s) => `${s.kind} ${s.name}`), ['screen Built-in display', 'window Mail']);
      allowed.platform.surface = 'window';
      await allowed.flow.chooseScreen('window:7');
      await settle();
      assert.deepEqual(allowed.platform.chosen, ['window:7']);
      assert.equal(allowed.stateOf('sharing').surface, 'window');
    });

    it('a shared screen gets the agent’s marks drawn over it (the page previews nothing); a shared window keeps the preview', async () => {
      const screen = setUp((p) => {
        p.client = 'desktop';
        p.withOverlay();
      });
      const { peer } = await screen.share();
      assert.equal(screen.stateOf('sharing').marksOnScreen, true);
      peer.options.onMessage?.({ type: 'pointer.point', x: 0.25, y: 0.75 });
      assert.deepEqual(screen.platform.overlayMarks.at(-1), { point: { x: 0.25, y: 0.75 }, strokes: [] });
      screen.flow.setMarksShown(false);
      assert.deepEqual(screen.platform.overlayMarks.at(-1), { point: null, strokes: [] }, 'turned off: the overlay is cleared');

      const window = setUp(
        (p) => {
          p.client = 'desktop';
          p.withOverlay();
          p.surface = 'window';
        },
        { windowShare: true },
      );
      const shared = await window.share();
      assert.equal(window.stateOf('sharing').marksOnScreen, false);
      shared.peer.options.onMessage?.({ type: 'pointer.point', x: 0.25, y: 0.75 });
      assert.deepEqual(window.platform.overlayMarks, []);
      assert.deepEqual(window.stateOf('sharing').marks.point, { x: 0.25, y: 0.75 });
    });

    it('cancelling the picker declines', async () => {
      const { flow, server, claim, stateOf } = setUp((p) => {
        p.client = 'desktop';
        p.screens = screens;
      });
      await claim();
      flow.accept();
      await settle();
      flow.cancel();
      assert.deepEqual(server.link.sentOf('session.end'), [{ type: 'session.end', reason: 'declined' }]);
      assert.equal(stateOf('ended').outcome, 'declined');
    });

    it('on macOS without Screen Recording permission, explains instead of sharing black frames', async () => {
      const { flow, platform, claim, step } = setUp((p) => {
        p.client = 'desktop';
        p.permission = 'needs-settings';
      });
      await claim();
      flow.accept();
      await settle();
      assert.equal(step(), 'permission');
      assert.equal(platform.captures, 0);
      platform.permission = 'granted';
      flow.recheckPermission();
      await settle();
      assert.equal(step(), 'sharing');
    });
  });
});
