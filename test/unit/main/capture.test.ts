import { strict as assert } from 'node:assert';
import type { DisplayMediaRequestHandlerHandlerRequest, SourcesOptions, Streams } from 'electron';
import { installScreenCapture, usesSystemPicker, type ScreenSource } from '../../../main/capture';
import { FakeSession, recordingLog } from './fakes';

function source(id: string, name: string): ScreenSource {
  return { id, name, thumbnail: { isEmpty: () => false, toDataURL: () => `data:image/png;base64,${id}` } };
}

const OUR_ORIGIN = 'app://customer';

function setup(sources: ScreenSource[], options: { systemPicker?: boolean; fail?: boolean; ownWindows?: string[] } = {}) {
  const session = new FakeSession();
  const requests: SourcesOptions[] = [];
  const { log, lines } = recordingLog();
  const capture = installScreenCapture({
    session,
    desktopCapturer: {
      getSources: async (opts) => {
        requests.push(opts);
        if (options.fail) throw new Error('screen recording not permitted');
        // Electron filters by type; a fake that ignored it would hide bugs.
        return sources.filter((s) => opts.types.some((type) => s.id.startsWith(`${type}:`)));
      },
    },
    systemPicker: options.systemPicker ?? false,
    ownWindowIds: () => options.ownWindows ?? [],
    isOwnCapturingFrame: (_frame, origin) => origin === OUR_ORIGIN,
    log,
  });
  const request = (origin = OUR_ORIGIN, audioRequested = false) =>
    new Promise<Streams | null>((resolve) => {
      const handler = session.displayMediaHandler;
      assert.ok(handler, 'a display media handler is installed');
      const req: DisplayMediaRequestHandlerHandlerRequest = {
        frame: null,
        securityOrigin: origin,
        videoRequested: true,
        audioRequested,
        userGesture: true,
      };
      handler(req, resolve);
    });
  return { session, capture, request, requests, lines };
}

const twoScreens = [source('screen:1:0', 'Screen 1'), source('screen:2:0', 'Screen 2'), source('window:77:0', 'Bank – Browser')];

describe('screen capture (getDisplayMedia in the app)', () => {
  it('with a single display shares it without asking', async () => {
    const { request } = setup([source('screen:1:0', 'Entire screen')]);
    assert.deepEqual(await request(), { video: { id: 'screen:1:0', name: 'Entire screen' } });
  });

  it('with several displays shares exactly the chosen screen, and each choice only once', async () => {
    const { capture, request, lines } = setup(twoScreens);
    await capture.chooseScreen('screen:2:0');
    assert.deepEqual(await request(), { video: { id: 'screen:2:0', name: 'Screen 2' } });
    assert.equal(await request(), null, 'a second request without a new choice is refused');
    assert.ok(lines.some((line) => /no screen was chosen/.test(line)));
  });

  it('without window sharing refuses windows: they cannot be chosen and are never listed', async () => {
    const { capture, requests } = setup(twoScreens);
    const listed = await capture.listScreens(false);
    assert.deepEqual(listed.map((s) => s.id), ['screen:1:0', 'screen:2:0']);
    await assert.rejects(capture.chooseScreen('window:77:0'), /not available/);
    await assert.rejects(capture.chooseScreen('screen:9:0'), /not available/);
    assert.ok(requests.every((r) => r.types.length === 1 && r.types[0] === 'screen'));
  });

  it('with window sharing lists the windows after the screens (never our own) and shares exactly the chosen one', async () => {
    const { capture, request } = setup([...twoScreens, source('window:5:0', 'Screen Share')], { ownWindows: ['window:5:0'] });
    const listed = await capture.listScreens(true);
    assert.deepEqual(
      listed.map((s) => [s.id, s.kind]),
      [
        ['screen:1:0', 'screen'],
        ['screen:2:0', 'screen'],
        ['window:77:0', 'window'],
      ],
    );
    await assert.rejects(capture.chooseScreen('window:5:0'), /not available/, "the app's own window is not offered");
    await capture.chooseScreen('window:77:0');
    assert.deepEqual(await request(), { video: { id: 'window:77:0', name: 'Bank – Browser' } });
    assert.deepEqual(capture.shared(), { id: 'window:77:0', kind: 'window', displayId: undefined });
  });

  it('remembers which display the shared screen is (for the pointer overlay)', async () => {
    const { capture, request } = setup([
      { ...source('screen:1:0', 'Screen 1'), display_id: '101' },
      { ...source('screen:2:0', 'Screen 2'), display_id: '202' },
    ]);
    assert.equal(capture.shared(), undefined);
    await capture.listScreens(false);
    await capture.chooseScreen('screen:2:0');
    await request();
    assert.deepEqual(capture.shared(), { id: 'screen:2:0', kind: 'screen', displayId: '202' });
  });

  it('lists each screen with its name and a live thumbnail', async () => {
    const { capture, requests } = setup(twoScreens);
    assert.deepEqual(await capture.listScreens(false), [
      { id: 'screen:1:0', name: 'Screen 1', kind: 'screen', thumbnailDataUrl: 'data:image/png;base64,screen:1:0' },
      { id: 'screen:2:0', name: 'Screen 2', kind: 'screen', thumbnailDataUrl: 'data:image/png;base64,screen:2:0' },
    ]);
    assert.ok((requests[0]?.thumbnailSize?.width ?? 0) > 0);
  });

  it('never shares sound, even when the page asks for it', async () => {
    const { request } = setup([source('screen:1:0', 'Entire screen')]);
    const streams = await request(OUR_ORIGIN, true);
    assert.ok(streams, 'the request is granted');
    assert.equal(streams?.audio, undefined);
  });

  it('refuses requests from any other page without looking at the screens', async () => {
    const { request, requests, lines } = setup([source('screen:1:0', 'Entire screen')]);
    assert.equal(await request('https://evil.example'), null);
    assert.equal(requests.length, 0);
    assert.ok(lines.some((line) => line.includes('https://evil.example')));
  });

  it('refuses (instead of hanging) when the system does not let the app see the screens', async () => {
    const { request } = setup([], { fail: true });
    assert.equal(await request(), null);
  });

  it('on Wayland leaves the choice to the system picker', async () => {
    const { session, capture, request, requests } = setup([source('screen:55:0', 'Portal pick')], { systemPicker: true });
    assert.deepEqual(session.displayMediaOptions, { useSystemPicker: true });
    assert.deepEqual(await capture.listScreens(true), [], 'listing must not open the portal dialog');
    assert.equal(requests.length, 0);
    assert.deepEqual(await request(), { video: { id: 'screen:55:0', name: 'Portal pick' } });
  });

  it('elsewhere uses its own picker', () => {
    const { session } = setup(twoScreens);
    assert.deepEqual(session.displayMediaOptions, { useSystemPicker: false });
  });

  it('detects Wayland sessions', () => {
    assert.equal(usesSystemPicker('linux', { XDG_SESSION_TYPE: 'wayland' }), true);
    assert.equal(usesSystemPicker('linux', { WAYLAND_DISPLAY: 'wayland-0' }), true);
    assert.equal(usesSystemPicker('linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }), false);
    assert.equal(usesSystemPicker('linux', { WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0' }), false);
    assert.equal(usesSystemPicker('darwin', { XDG_SESSION_TYPE: 'wayland' }), false);
  });
});
