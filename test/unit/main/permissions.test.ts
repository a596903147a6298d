import { strict as assert } from 'node:assert';
import type { DevicePermissionHandlerHandlerDetails, MediaAccessPermissionRequest, PermissionRequest, Session, WebContents } from 'electron';
import { installPermissionPolicy } from '../../../main/permissions';
import { FakeSession, recordingLog, stub } from './fakes';

type Permission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1];

const ours = stub<WebContents>({ id: 1 });
const foreign = stub<WebContents>({ id: 2 });
const PAGE = 'app://customer/index.html';

function setup() {
  const session = new FakeSession();
  const { log, lines } = recordingLog();
  installPermissionPolicy({
    session,
    isOwnCustomerPage: (contents, url) => contents === ours && url === PAGE,
    log,
  });
  const ask = (
    permission: Permission,
    details: Partial<MediaAccessPermissionRequest> = {},
    contents: WebContents = ours,
  ): boolean => {
    let answer: boolean | undefined;
    const full: PermissionRequest = { isMainFrame: true, requestingUrl: PAGE, ...details };
    session.permissionRequest?.(contents, permission, (granted) => (answer = granted), full);
    assert.notEqual(answer, undefined, 'the request was answered');
    return answer === true;
  };
  return { session, ask, lines };
}

describe('permissions', () => {
  it('lets our customer page capture the screen (display-capture, and Electron < 45 "media" without devices)', () => {
    const { ask } = setup();
    assert.equal(ask('display-capture'), true);
    assert.equal(ask('media', { mediaTypes: [] }), true);
    assert.equal(ask('media'), true);
  });

  it('never grants camera or microphone', () => {
    const { ask } = setup();
    assert.equal(ask('media', { mediaTypes: ['video'] }), false);
    assert.equal(ask('media', { mediaTypes: ['audio'] }), false);
  });

  it('denies everything else', () => {
    const { ask, lines } = setup();
    for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'fullscreen', 'openExternal', 'midiSysex', 'pointerLock', 'window-management', 'fileSystem', 'unknown'] as const) {
      assert.equal(ask(permission), false, permission);
    }
    assert.ok(lines.some((line) => line.includes('"geolocation"')));
  });

  it('denies screen capture to any other page, window or sub-frame', () => {
    const { ask } = setup();
    assert.equal(ask('display-capture', {}, foreign), false);
    assert.equal(ask('display-capture', { requestingUrl: 'https://evil.example/' }), false);
    assert.equal(ask('display-capture', { isMainFrame: false }), false);
  });

  it('answers every permission check and device check with no', () => {
    const { session } = setup();
    assert.equal(session.permissionCheck?.(ours, 'media', 'app://customer', { requestingUrl: PAGE, isMainFrame: true, mediaType: 'video' }), false);
    assert.equal(session.permissionCheck?.(null, 'geolocation', 'app://customer', { requestingUrl: PAGE, isMainFrame: true }), false);
    assert.equal(session.devicePermission?.(stub<DevicePermissionHandlerHandlerDetails>({ deviceType: 'usb', origin: 'app://customer' })), false);
  });
});
