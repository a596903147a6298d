import { strict as assert } from 'node:assert';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { Invoke } from '../../../preload/contract/channels';
import type { SharingState } from '../../../preload/contract/desktopApi';
import { desktopRoutes } from '../../../main/desktopRoutes';
import { createSenderCheck, registerIpcRoutes, type SenderRole } from '../../../main/ipc';
import { createDeepLinkInbox } from '../../../main/deepLinkInbox';
import { createSharingState } from '../../../main/sharingState';
import { recordingLog, stub } from './fakes';

type Listener = Parameters<IpcMain['handle']>[1];

class FakeIpcMain implements Pick<IpcMain, 'handle'> {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    assert.ok(!this.listeners.has(channel), `${channel} registered twice`);
    this.listeners.set(channel, listener);
  }
  invoke(channel: string, event: IpcMainInvokeEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel);
    assert.ok(listener, `no handler for ${channel}`);
    return Promise.resolve().then((): unknown => listener(event, ...args));
  }
}

const customerContents = stub<WebContents>({ id: 10 });
const indicatorContents = stub<WebContents>({ id: 11 });
const strangerContents = stub<WebContents>({ id: 12 });
const windows = new Map<WebContents, Pick<BrowserWindow, 'id'>>([
  [customerContents, { id: 1 }],
  [indicatorContents, { id: 2 }],
  [strangerContents, { id: 3 }],
]);

function frame(url: string, parent: WebFrameMain | null = null): WebFrameMain {
  return stub<WebFrameMain>({ url, parent });
}
function event(sender: WebContents, senderFrame: WebFrameMain | null): IpcMainInvokeEvent {
  return stub<IpcMainInvokeEvent>({ sender, senderFrame });
}
const fromCustomer = () => event(customerContents, frame('app://customer/index.html'));
const fromIndicator = () => event(indicatorContents, frame('app://indicator/indicator.html'));

function setup() {
  const ipcMain = new FakeIpcMain();
  const { log, lines } = recordingLog();
  const sharing = createSharingState();
  const chosen: string[] = [];
  const marks: unknown[] = [];
  let stops = 0;
  const inbox = createDeepLinkInbox(() => {});
  inbox.deliver({ key: '123456789', server: 'https://support.acme.example' });
  registerIpcRoutes(
    ipcMain,
    desktopRoutes({
      config: () => ({ serverUrl: 'https://support.acme.example', productName: 'Acme Help', locale: 'de-DE', platform: 'linux' }),
      capture: {
        listScreens: async () => [{ id: 'screen:1:0', name: 'Screen 1', kind: 'screen', thumbnailDataUrl: '' }],
        chooseScreen: async (id) => void chosen.push(id),
        shared: () => undefined,
      },
      sharing,
      screenPermission: () => 'granted',
      openScreenPermissionSettings: async () => {},
      deepLinks: inbox,
      indicatorView: () => ({ text: 'Sharing your screen with Alice', stopLabel: 'Stop', pauseLabel: 'Pause', paused: false, lang: 'en' }),
      requestStop: () => void stops++,
      requestPause: () => undefined,
      showMarks: (shown) => marks.push(shown) > 0,
    }),
    createSenderCheck({
      fromWebContents: (contents) => windows.get(contents) ?? null,
      windowFor: (role: SenderRole) => (role === 'customer' ? { id: 1 } : { id: 2 }),
    }),
    log,
  );
  return { ipcMain, lines, sharing, chosen, marks, stops: () => stops };
}

describe('IPC between the pages and main', () => {
  it('has exactly one handler for every request channel', () => {
    const { ipcMain } = setup();
    assert.deepEqual([...ipcMain.listeners.keys()].sort(), Object.values(Invoke).sort());
  });

  it('answers our customer page', async () => {
    const { ipcMain, sharing, chosen } = setup();
    assert.deepEqual(await ipcMain.invoke(Invoke.getConfig, fromCustomer()), {
      serverUrl: 'https://support.acme.example',
      productName: 'Acme Help',
      locale: 'de-DE',
      platform: 'linux',
    });
    await ipcMain.invoke(Invoke.chooseScreen, fromCustomer(), 'screen:1:0');
    assert.deepEqual(chosen, ['screen:1:0']);
    await ipcMain.invoke(Invoke.setSharingState, fromCustomer(), { sharing: true, agentName: 'Alice' });
    assert.deepEqual(sharing.get(), { sharing: true, agentName: 'Alice' });
    assert.deepEqual(await ipcMain.invoke(Invoke.takePendingDeepLink, fromCustomer()), {
      key: '123456789',
      server: 'https://support.acme.example',
    });
  });

  it('lets the indicator window ask to stop', async () => {
    const { ipcMain, stops } = setup();
    await ipcMain.invoke(Invoke.indicatorStop, fromIndicator());
    assert.equal(stops(), 1);
  });

  it('drops requests from a webContents that is not one of our windows', async () => {
    const { ipcMain, lines, sharing } = setup();
    const foreign = stub<WebContents>({ id: 99 });
    await assert.rejects(ipcMain.invoke(Invoke.setSharingState, event(foreign, frame('app://customer/index.html')), { sharing: true }), /not allowed/);
    await assert.rejects(ipcMain.invoke(Invoke.getConfig, event(strangerContents, frame('app://customer/index.html'))), /not allowed/);
    assert.equal(sharing.get().sharing, false);
    assert.ok(lines.some((line) => line.includes('dropped "desktop:set-sharing-state"')));
  });

  it('drops requests from our window once it shows anything but our bundled page, or from a sub-frame', async () => {
    const { ipcMain } = setup();
    await assert.rejects(ipcMain.invoke(Invoke.getConfig, event(customerContents, frame('https://evil.example/'))), /not allowed/);
    await assert.rejects(ipcMain.invoke(Invoke.getConfig, event(customerContents, frame('app://customer/other.html'))), /not allowed/);
    const sub = frame('app://customer/index.html', frame('app://customer/index.html'));
    await assert.rejects(ipcMain.invoke(Invoke.getConfig, event(customerContents, sub)), /not allowed/);
    await assert.rejects(ipcMain.invoke(Invoke.getConfig, event(customerContents, null)), /not allowed/);
  });

  it('keeps each window to its own channels', async () => {
    const { ipcMain, stops } = setup();
    await assert.rejects(ipcMain.invoke(Invoke.indicatorStop, fromCustomer()), /not allowed/);
    await assert.rejects(ipcMain.invoke(Invoke.listScreens, fromIndicator()), /not allowed/);
    assert.equal(stops(), 0);
  });

  it('passes the agent’s marks from the customer page to the overlay only when they fit the schema', async () => {
    const { ipcMain, marks } = setup();
    const good = { point: { x: 0.5, y: 1 }, strokes: [[[0, 0], [0.5, 0.5]]] };
    assert.equal(await ipcMain.invoke(Invoke.showMarks, fromCustomer(), good), true);
    const bad: unknown[] = [
      { point: { x: 2, y: 0 }, strokes: [] },
      { point: null, strokes: [[[0, 0]]] },
      { point: null, strokes: Array.from({ length: 41 }, () => [[0, 0], [1, 1]]) },
      { point: null, strokes: [], html: '<img>' },
    ];
    for (const shown of bad) await assert.rejects(ipcMain.invoke(Invoke.showMarks, fromCustomer(), shown), /Invalid arguments/);
    await assert.rejects(ipcMain.invoke(Invoke.showMarks, fromIndicator(), good), /not allowed/);
    assert.deepEqual(marks, [good]);
  });

  it('rejects bad arguments before the handler runs', async () => {
    const { ipcMain, chosen, sharing, lines } = setup();
    await assert.rejects(ipcMain.invoke(Invoke.chooseScreen, fromCustomer(), 42), /Invalid arguments/);
    await assert.rejects(ipcMain.invoke(Invoke.chooseScreen, fromCustomer()), /Invalid arguments/);
    await assert.rejects(ipcMain.invoke(Invoke.chooseScreen, fromCustomer(), 'x'.repeat(201)), /Invalid arguments/);
    await assert.rejects(ipcMain.invoke(Invoke.chooseScreen, fromCustomer(), 'screen:1:0', 'extra'), /Invalid arguments/);
    const bad: unknown[] = [{ sharing: 'yes' }, { sharing: true, agentName: 7 }, { sharing: true, extra: 1 }, null];
    for (const state of bad) {
      await assert.rejects(ipcMain.invoke(Invoke.setSharingState, fromCustomer(), state), /Invalid arguments/);
    }
    await assert.rejects(ipcMain.invoke(Invoke.getConfig, fromCustomer(), 'unexpected'), /Invalid arguments/);
    assert.deepEqual(chosen, []);
    assert.deepEqual(sharing.get(), { sharing: false } satisfies SharingState);
    assert.ok(lines.some((line) => line.startsWith('rejected "desktop:choose-screen"')));
  });
});
