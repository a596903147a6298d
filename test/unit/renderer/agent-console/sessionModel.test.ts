import { strict as assert } from 'node:assert';
import { SessionModel } from '../../../../renderer/agent-console/sessions/sessionModel';
import { text } from '../../../../renderer/agent-console/i18n/textRef';
import { english } from './english';

const T0 = 1_700_000_000_000;
const FIVE_MINUTES = 5 * 60_000;

/** What the agent reads in the panel at `now`. */
function reads(model: SessionModel, now = T0) {
  const view = model.view(now);
  return {
    status: english.translate(view.status.text),
    countdown: view.countdown ? english.translate(view.countdown) : null,
    error: view.error ? english.translate(view.error) : null,
    view,
  };
}

function voiceWithKey(): SessionModel {
  const model = new SessionModel('voice');
  model.receiveKey('s1', '123456', T0 + FIVE_MINUTES);
  return model;
}

describe('agent session model', () => {
  it('starts as "creating", with no key and nothing to end', () => {
    const { status, view } = reads(new SessionModel('voice'));
    assert.equal(status, 'Creating a security key…');
    assert.equal(view.keyShown, false);
    assert.equal(view.endShown, false);
    assert.equal(view.closeShown, false);
  });

  it("says the customer's browser cannot share, and keeps the key to read on a computer", () => {
    const model = voiceWithKey();
    model.receiveCustomerCannotShare();
    const { status, view } = reads(model);
    assert.equal(status, "The customer's browser cannot share a screen — suggest a computer or the app");
    assert.equal(view.status.tone, 'attention');
    assert.equal(view.keyShown, true);
    model.receivePhase('key-entered');
    assert.equal(reads(model).status, 'The customer entered the key');
  });

  it('shows the key to read aloud with a countdown that moves with the clock', () => {
    const model = voiceWithKey();
    const first = reads(model);
    assert.equal(first.status, 'Waiting for the customer to enter the key');
    assert.equal(first.view.keyShown, true);
    assert.equal(first.view.keyDigits, '123 456');
    assert.equal(first.view.copyEnabled, true);
    assert.equal(first.countdown, 'Expires in 5:00');
    assert.equal(model.countdownRunning, true);
    assert.equal(reads(model, T0 + 61_000).countdown, 'Expires in 3:59');
    assert.equal(model.sessionId, 's1');
  });

  it('expires the key when its countdown runs out, before the server says so', () => {
    const model = voiceWithKey();
    assert.equal(model.tick(T0 + FIVE_MINUTES - 1), false);
    assert.equal(model.tick(T0 + FIVE_MINUTES), true);
    const { status, countdown, view } = reads(model, T0 + FIVE_MINUTES);
    assert.equal(status, 'The key expired. Create a new key to continue.');
    assert.equal(countdown, 'Expired');
    assert.equal(view.keyExpired, true);
    assert.equal(view.copyEnabled, false);
    assert.equal(model.countdownRunning, false);
    // A new key starts over.
    model.receiveKey('s1', '654321', T0 + 2 * FIVE_MINUTES);
    assert.equal(reads(model, T0 + FIVE_MINUTES).countdown, 'Expires in 5:00');
  });

  it('hides the key once the customer entered it, and stops the countdown', () => {
    const model = voiceWithKey();
    model.receivePhase('key-entered');
    const { status, view } = reads(model);
    assert.equal(status, 'The customer entered the key');
    assert.equal(view.keyShown, false);
    assert.equal(model.countdownRunning, false);
  });

  it('never shows the key in a chat: it travels in the background', () => {
    const model = new SessionModel('chat');
    model.receiveKey('s1', '123456', T0 + FIVE_MINUTES);
    const { status, view } = reads(model);
    assert.equal(status, 'Waiting for the customer to answer the request in the chat');
    assert.equal(view.keyShown, false);
  });

  it('calls it sharing once the picture arrives, and clears an earlier picture problem', () => {
    const model = voiceWithKey();
    model.receivePhase('choosing-screen');
    model.pictureStopped(true);
    assert.equal(reads(model).error, english.translate(text('video.failed')));
    model.pictureStarted();
    const { status, error } = reads(model);
    assert.equal(status, "Sharing: you can see the customer's screen");
    assert.equal(error, null);
    model.receivePhase('paused');
    assert.equal(reads(model).view.paused, true);
  });

  it('drops the picture when a reloaded customer comes back, and waits for their screen again', () => {
    const model = voiceWithKey();
    model.receivePhase('sharing');
    model.pictureStarted();
    assert.equal(model.receivePeer('away', false), false);
    assert.equal(reads(model).status, "Reconnecting… The customer's connection dropped; waiting for them to come back.");
    assert.equal(model.receivePeer('back', true), true);
    assert.equal(reads(model).status, 'The customer is choosing what to share');
  });

  it('says "Reconnecting…" while our socket is down and takes the session back from the server', () => {
    const model = voiceWithKey();
    model.setReconnecting(true);
    assert.equal(model.isResuming, true);
    assert.equal(reads(model).status, 'Reconnecting…');
    model.receiveResumed({ type: 'session.resumed', sessionId: 's1', phase: 'waiting', peer: 'present', key: '111222', keyExpiresAt: T0 + 60_000 }, false);
    assert.equal(model.isResuming, false);
    assert.equal(reads(model).view.keyDigits, '111 222');
    assert.equal(reads(model).countdown, 'Expires in 1:00');
  });

  it('after a reload, waits to resume and keeps no key the server did not hand back', () => {
    const model = new SessionModel('voice');
    model.startResuming('s9');
    assert.equal(model.sessionId, 's9');
    assert.equal(reads(model).status, 'Reconnecting…');
    model.receiveResumed({ type: 'session.resumed', sessionId: 's9', phase: 'key-entered', peer: 'away' }, false);
    assert.equal(reads(model).view.keyShown, false);
    assert.equal(reads(model).view.keyDigits, '');
  });

  it('"End session" waits for the server, and can be pressed again after an error', () => {
    const model = voiceWithKey();
    model.requestEnd();
    assert.equal(reads(model).view.ending, true);
    model.showError(text('console.lost'));
    assert.equal(reads(model).view.ending, false);
    assert.equal(reads(model).error, english.translate(text('console.lost')));
  });

  it('offers "Try again" and "Close" when creating failed, and clears the error on retry', () => {
    const model = new SessionModel('voice');
    model.showError(text('console.lost'));
    assert.equal(reads(model).view.retryShown, true);
    assert.equal(reads(model).view.closeShown, true);
    model.restartCreate();
    assert.equal(reads(model).view.retryShown, false);
    assert.equal(reads(model).error, null);
  });

  it('ends once, says how, and ignores anything the server sends afterwards', () => {
    const model = voiceWithKey();
    assert.equal(model.receiveEnded('customer', 'ended'), true);
    assert.equal(model.receiveEnded('agent', 'ended'), false);
    assert.equal(model.finish({ lostServer: true }), false);
    model.receiveKey('s1', '999999', T0 + FIVE_MINUTES);
    model.receivePhase('sharing');
    const { status, view } = reads(model);
    assert.equal(status, 'Ended by the customer');
    assert.equal(view.endShown, false);
    assert.equal(view.closeShown, true);
    assert.equal(view.keyShown, false);
    assert.equal(model.isActive, false);
  });
});
