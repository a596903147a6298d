import { strict as assert } from 'node:assert';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { Invoke, Push } from '../../../preload/contract/channels';
import { DESKTOP_API_METHODS, type DeepLink, type DesktopApi } from '../../../preload/contract/desktopApi';
import type { IndicatorApi } from '../../../preload/contract/indicatorApi';
import { OVERLAY_API_GLOBAL, type OverlayApi } from '../../../preload/contract/overlayApi';

/**
 * Runs the real bundled preloads (as Electron's sandbox would: one CommonJS file that may only
 * require 'electron') against a fake contextBridge and ipcRenderer.
 */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../../../preload/${entry}`, import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  assert.ok(file);
  return file.text;
}

type Listener = (event: unknown, ...args: unknown[]) => void;

function runPreload(code: string, answers: Record<string, unknown>) {
  const exposed = new Map<string, unknown>();
  const invoked: [string, unknown[]][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push([channel, args]);
        return answers[channel];
      },
      on: (channel: string, listener: Listener) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) => listeners.get(channel)?.delete(listener),
    },
  };
  const module = { exports: {} };
  const requireFake = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return electron;
  };
  const context = vm.createContext({ require: requireFake, module, exports: module.exports, console, URL });
  vm.runInContext(code, context);
  // Like Electron: the preload loads before the page's CSP (no eval, no new Function()) applies.
  vm.runInContext("globalThis.eval = globalThis.Function = function () { throw new EvalError('blocked by the CSP'); };", context);
  const push = (channel: string, payload?: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({}, payload);
  };
  return { exposed, invoked, listeners, required, push };
}

/** Objects made inside the preload's context have that context's prototypes: compare plain copies. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const flush = () => new Promise((resolve) => setImmediate(resolve));
const KEY_LINK: DeepLink = { key: '123456786', server: 'https://support.acme.example' };

describe('customer window preload (eval forbidden once loaded, as under the page CSP)', () => {
  let code: string;
  before(async () => {
    code = await bundle('index.ts');
  });

  it('is self-contained: requires nothing but electron', () => {
    const { required } = runPreload(code, {});
    assert.deepEqual([...new Set(required)], ['electron']);
  });

  it('exposes exactly the DesktopApi on window.screenShareDesktop, never ipcRenderer', () => {
    const { exposed } = runPreload(code, {});
    assert.deepEqual([...exposed.keys()], ['screenShareDesktop']);
    const api = exposed.get('screenShareDesktop') as Record<string, unknown>;
    const members = DESKTOP_API_METHODS;
    assert.deepEqual(Object.keys(api).sort(), [...members].sort());
    for (const member of members) assert.equal(typeof api[member], 'function', member);
    assert.ok(!Object.values(api).some((value) => typeof value === 'object'), 'no objects (like ipcRenderer) leak through');
  });

  it('calls main on the shared channels and validates what comes back', async () => {
    const config = { serverUrl: 'https://support.acme.example', productName: 'Acme', platform: 'linux' };
    const screens = [{ id: 'screen:1:0', name: 'Screen 1', kind: 'screen', thumbnailDataUrl: 'data:image/png;base64,AA' }];
    const { exposed, invoked } = runPreload(code, {
      [Invoke.getConfig]: config,
      [Invoke.listScreens]: screens,
      [Invoke.getScreenPermission]: 'denied',
    });
    const api = exposed.get('screenShareDesktop') as DesktopApi;
    assert.deepEqual(plain(await api.getConfig()), config);
    assert.deepEqual(plain(await api.listScreens(true)), screens);
    assert.equal(await api.getScreenPermission(), 'denied');
    await api.chooseScreen('screen:1:0');
    await api.setSharingState({ sharing: true, agentName: 'Alice' });
    await api.openScreenPermissionSettings();
    assert.deepEqual(plain(invoked), [
      [Invoke.getConfig, []],
      [Invoke.listScreens, [true]],
      [Invoke.getScreenPermission, []],
      [Invoke.chooseScreen, ['screen:1:0']],
      [Invoke.setSharingState, [plain({ sharing: true, agentName: 'Alice' })]],
      [Invoke.openScreenPermissionSettings, []],
    ]);
  });

  it('refuses answers from main that do not match the contract', async () => {
    const { exposed } = runPreload(code, { [Invoke.listScreens]: [{ id: 1 }], [Invoke.getConfig]: { serverUrl: 'nope' } });
    const api = exposed.get('screenShareDesktop') as DesktopApi;
    await assert.rejects(api.listScreens(false));
    await assert.rejects(api.getConfig());
    await assert.rejects(api.setSharingState({ sharing: 'yes' } as unknown as { sharing: boolean }));
  });

  it('stop requests reach the page until it unsubscribes', () => {
    const { exposed, push, listeners } = runPreload(code, {});
    const api = exposed.get('screenShareDesktop') as DesktopApi;
    let stops = 0;
    const unsubscribe = api.onStopRequested(() => stops++);
    push(Push.stopRequested);
    unsubscribe();
    push(Push.stopRequested);
    assert.equal(stops, 1);
    assert.equal(listeners.get(Push.stopRequested)?.size, 0);
  });

  it('hands the page the link that launched the app, then later links, and drops malformed ones', async () => {
    const { exposed, push, invoked } = runPreload(code, { [Invoke.takePendingDeepLink]: KEY_LINK });
    const api = exposed.get('screenShareDesktop') as DesktopApi;
    const links: DeepLink[] = [];
    const unsubscribe = api.onDeepLink((link) => links.push(link));
    await flush();
    assert.deepEqual(plain(links), [KEY_LINK]);
    push(Push.deepLink, { key: '123456786', server: 'https://eu.support.acme.example' });
    push(Push.deepLink, { key: 12, server: 'x' });
    unsubscribe();
    push(Push.deepLink, KEY_LINK);
    assert.deepEqual(plain(links), [KEY_LINK, { key: '123456786', server: 'https://eu.support.acme.example' }]);
    assert.equal(invoked.filter(([channel]) => channel === Invoke.takePendingDeepLink).length, 1);
  });
});

describe('indicator window preload', () => {
  it('exposes only getView, onView, pause and stop', async () => {
    const view = { text: 'Sharing your screen with Alice', stopLabel: 'Stop', pauseLabel: 'Pause', paused: false, lang: 'en' };
    const { exposed, invoked, push, required } = runPreload(await bundle('indicator.ts'), { [Invoke.indicatorGetState]: view });
    assert.deepEqual([...new Set(required)], ['electron']);
    const api = exposed.get('screenShareIndicator') as IndicatorApi;
    assert.deepEqual(Object.keys(api).sort(), ['getView', 'onView', 'pause', 'stop']);
    assert.deepEqual(plain(await api.getView()), view);
    const seen: unknown[] = [];
    api.onView((v) => seen.push(v));
    push(Push.indicatorState, { ...view, text: 'Sharing your screen with Bob' });
    push(Push.indicatorState, { text: 5 });
    assert.equal(seen.length, 1);
    await api.stop();
    await api.pause(true);
    assert.deepEqual(invoked.map(([channel]) => channel), [Invoke.indicatorGetState, Invoke.indicatorStop, Invoke.indicatorPause]);
    assert.deepEqual(invoked.at(-1)?.[1], [true]);
  });
});

describe('pointer overlay window preload', () => {
  it('exposes only onMarks, passes on marks that fit the schema, and can send nothing', async () => {
    const { exposed, invoked, listeners, push, required } = runPreload(await bundle('overlay.ts'), {});
    assert.deepEqual([...new Set(required)], ['electron']);
    const api = exposed.get(OVERLAY_API_GLOBAL) as OverlayApi;
    assert.deepEqual(Object.keys(api), ['onMarks']);
    const seen: unknown[] = [];
    const unsubscribe = api.onMarks((marks) => seen.push(marks));
    const marks = { point: { x: 0.25, y: 0.75 }, strokes: [[[0, 0], [1, 1]]] };
    push(Push.overlayMarks, marks);
    push(Push.overlayMarks, { point: { x: 2, y: 0 }, strokes: [] });
    push(Push.overlayMarks, { point: null, strokes: [], script: 'alert(1)' });
    push(Push.overlayMarks, { point: null, strokes: Array.from({ length: 41 }, () => [[0, 0], [1, 1]]) });
    assert.deepEqual(plain(seen), [marks]);
    unsubscribe();
    assert.equal(listeners.get(Push.overlayMarks)?.size, 0);
    assert.deepEqual(invoked, []);
  });
});
