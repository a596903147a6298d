import assert from 'node:assert/strict';
import { leaveReason, type FlowState } from '../../../../renderer/customer/flow/flowState';
import { pickLocale } from '../../../../renderer/customer/i18n/locale';
import { classifyCaptureError } from '../../../../renderer/customer/platform/captureError';
import { SCREEN_CAPTURE_OPTIONS } from '../../../../renderer/customer/platform/displayMediaOptions';
import { keyFromSearch, withoutKey } from '../../../../renderer/customer/platform/keyFromUrl';
import { pageTitle } from '../../../../renderer/customer/ui/pageTitle';
import { wordsIn } from './words';

const agent = { displayName: 'Alice', organisation: 'Example Ltd' };

describe('customer page pieces', () => {
  it('starts in the language the customer chose before, else the browser’s, else the organisation’s', () => {
    assert.equal(pickLocale(null, ['de-AT', 'en-US'], 'en'), 'de');
    assert.equal(pickLocale(null, ['fr-FR', 'en-GB'], 'de'), 'en');
    assert.equal(pickLocale(null, ['fr-FR'], 'de'), 'de');
    assert.equal(pickLocale('en', ['de-DE'], 'de'), 'en');
    assert.equal(pickLocale('xx', ['de_DE'], 'en'), 'de');
  });

  it('takes a key from ?key= and removes it from the address afterwards', () => {
    assert.equal(keyFromSearch('?key=123456789'), '123456789');
    assert.equal(keyFromSearch('?key=123%20456%20789&x=1'), '123 456 789');
    assert.equal(keyFromSearch('?key='), null);
    assert.equal(keyFromSearch(''), null);
    assert.equal(withoutKey('https://s.example/?key=123456789&lang=de#x'), 'https://s.example/?lang=de#x');
  });

  it('treats a cancelled or refused picker as "not allowed" and anything else as a failure', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });
    assert.equal(classifyCaptureError(named('NotAllowedError')), 'denied');
    assert.equal(classifyCaptureError(named('NotReadableError')), 'failed');
    assert.equal(classifyCaptureError(named('AbortError')), 'failed');
    assert.equal(classifyCaptureError('weird'), 'failed');
  });

  it('asks the browser for the whole screen at native resolution, without audio or tab switching', () => {
    const video = SCREEN_CAPTURE_OPTIONS.video as MediaTrackConstraints;
    assert.equal(video.displaySurface, 'monitor');
    assert.equal(SCREEN_CAPTURE_OPTIONS.audio, false);
    assert.equal(SCREEN_CAPTURE_OPTIONS.selfBrowserSurface, 'exclude');
    assert.equal(SCREEN_CAPTURE_OPTIONS.surfaceSwitching, 'exclude');
  });

  it('tells the server why the page closed, depending on how far the customer got', () => {
    const at = (state: FlowState) => leaveReason(state);
    assert.equal(at({ step: 'sharing', surface: 'screen', agent, connected: true, reconnecting: false, paused: false, words: null, marks: { point: null, strokes: [] }, marksShown: true, marksOnScreen: false }), 'stopped');
    assert.equal(at({ step: 'consent', agent }), 'declined');
    assert.equal(at({ step: 'capture-problem', agent, problem: 'denied' }), 'capture-failed');
    assert.equal(at({ step: 'ended', outcome: 'stopped', agent }), null);
  });

  it('shows in the tab title that the screen is being shared', async () => {
    const say = await wordsIn('en');
    assert.equal(say(pageTitle({ step: 'sharing', surface: 'screen', agent, connected: false, reconnecting: false, paused: false, words: null, marks: { point: null, strokes: [] }, marksShown: true, marksOnScreen: false }, 'Acme Help')), '● Sharing your screen – Acme Help');
    assert.equal(say(pageTitle({ step: 'consent', agent }, 'Acme Help')), 'Acme Help');
  });
});
