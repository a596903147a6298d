import { strict as assert } from 'node:assert';
import type { EndReason, EndedBy, SessionPhase } from '../../../../signaling/protocol';
import {
  keyIsExpired,
  sessionStatus,
  showsKey,
  type SessionStage,
} from '../../../../renderer/agent-console/sessions/sessionStatus';
import { english } from './english';

const active = (phase: SessionPhase, extra: Partial<{ keyExpiredLocally: boolean; streaming: boolean; customerCannotShare: boolean }> = {}): SessionStage => ({
  stage: 'active',
  phase,
  keyExpiredLocally: false,
  streaming: false,
  ...extra,
});
const statusText = (stage: SessionStage) => english.translate(sessionStatus(stage).text);
const ended = (by: EndedBy, reason: EndReason) => statusText({ stage: 'ended', outcome: { by, reason } });

describe('session status line', () => {
  it('says what each phase means, word for word', () => {
    assert.equal(statusText(active('waiting')), 'Waiting for the customer to enter the key');
    assert.equal(statusText(active('key-expired')), 'The key expired. Create a new key to continue.');
    assert.equal(statusText(active('key-entered')), 'The customer entered the key');
    assert.equal(statusText(active('choosing-screen')), 'The customer is choosing what to share');
    assert.equal(statusText(active('sharing')), "Sharing: you can see the customer's screen");
  });

  it("says why nothing happens when the customer's browser cannot share, while the key is still good", () => {
    const stage = active('waiting', { customerCannotShare: true });
    assert.equal(statusText(stage), "The customer's browser cannot share a screen — suggest a computer or the app");
    assert.equal(sessionStatus(stage).tone, 'attention');
    assert.equal(showsKey(stage), true, 'the key stays on screen: the customer can type it on a computer');
    assert.equal(statusText(active('waiting', { customerCannotShare: true, keyExpiredLocally: true })), 'The key expired. Create a new key to continue.');
    assert.equal(statusText(active('key-entered', { customerCannotShare: true })), 'The customer entered the key', 'a later claim from a computer moves on');
  });

  it('says the key expired as soon as the countdown runs out, before the server confirms', () => {
    assert.equal(statusText(active('waiting', { keyExpiredLocally: true })), 'The key expired. Create a new key to continue.');
    assert.equal(sessionStatus(active('waiting', { keyExpiredLocally: true })).tone, 'attention');
  });

  it('says sharing once the picture arrives, whatever the last phase update was', () => {
    assert.equal(statusText(active('choosing-screen', { streaming: true })), "Sharing: you can see the customer's screen");
    assert.equal(sessionStatus(active('key-entered', { streaming: true })).tone, 'live');
  });

  it('says "Paused by the customer" while paused, even with the last frame on screen', () => {
    assert.equal(statusText(active('paused', { streaming: true })), 'Paused by the customer');
    assert.equal(sessionStatus(active('paused', { streaming: true })).tone, 'attention');
  });

  it('says who ended a session', () => {
    assert.equal(ended('customer', 'ended'), 'Ended by the customer');
    assert.equal(ended('agent', 'ended'), 'Ended by you');
    assert.equal(ended('server', 'ended'), 'Ended by the server');
    assert.equal(ended('customer', 'declined'), 'The customer declined');
    assert.equal(ended('server', 'connection-lost'), 'Connection to the customer was lost');
    assert.equal(ended('customer', 'connection-lost'), 'Connection to the customer was lost');
    assert.equal(ended('server', 'server-shutdown'), 'Ended by the server');
    assert.equal(ended('customer', 'capture-failed'), "The customer's screen could not be shared");
    assert.equal(ended('server', 'signed-out'), 'Ended because you signed out');
    assert.equal(statusText({ stage: 'ended', outcome: { lostServer: true } }), 'Connection to the server was lost');
  });

  it('colours success, trouble and plain endings differently', () => {
    const tone = (stage: SessionStage) => sessionStatus(stage).tone;
    assert.equal(tone(active('sharing')), 'live');
    assert.equal(tone({ stage: 'ended', outcome: { by: 'server', reason: 'connection-lost' } }), 'problem');
    assert.equal(tone({ stage: 'ended', outcome: { by: 'agent', reason: 'ended' } }), 'ended');
  });

  it('shows the key only until the customer has used it', () => {
    assert.equal(showsKey({ stage: 'creating' }), false);
    assert.equal(showsKey(active('waiting')), true);
    assert.equal(showsKey(active('key-expired')), true);
    assert.equal(showsKey(active('key-entered')), false);
    assert.equal(showsKey(active('choosing-screen')), false);
    assert.equal(showsKey(active('sharing')), false);
    assert.equal(showsKey({ stage: 'ended', outcome: { by: 'agent', reason: 'ended' } }), false);
  });

  it('knows when the shown key is dead', () => {
    assert.equal(keyIsExpired(active('waiting')), false);
    assert.equal(keyIsExpired(active('waiting', { keyExpiredLocally: true })), true);
    assert.equal(keyIsExpired(active('key-expired')), true);
  });
});
