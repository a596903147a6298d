import { strict as assert } from 'node:assert';
import type { MenuItemConstructorOptions, KeyboardEvent, MenuItem, BaseWindow } from 'electron';
import { createSharingTray, type SharingTrayIcon } from '../../../main/tray';
import { mainStrings } from '../../../main/strings';
import { recordingDotBitmap } from '../../../main/trayIcon';
import { stub } from './fakes';

type FakeMenu = { template: MenuItemConstructorOptions[] };

class FakeTray implements SharingTrayIcon<FakeMenu> {
  tooltip = '';
  menu?: MenuItemConstructorOptions[];
  destroyed = false;
  clickListener?: () => void;
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu.template;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  on(event: 'click', listener: () => void): this {
    this.clickListener = listener;
    return this;
  }
}

function setup() {
  const trays: FakeTray[] = [];
  let stops = 0;
  let shows = 0;
  const pauses: boolean[] = [];
  const tray = createSharingTray({
    createTray: () => {
      const created = new FakeTray();
      trays.push(created);
      return created;
    },
    // The fake menu keeps its template so the test can read and click it.
    buildMenu: (template): FakeMenu => ({ template }),
    strings: mainStrings('en'),
    productName: 'Acme Help',
    onStop: () => void stops++,
    onPause: (paused) => void pauses.push(paused),
    onShowWindow: () => void shows++,
  });
  return { tray, trays, stops: () => stops, shows: () => shows, pauses };
}

function click(item: MenuItemConstructorOptions | undefined): void {
  assert.ok(item?.click, `menu item ${item?.label} is clickable`);
  item.click(stub<MenuItem>(), stub<BaseWindow>(), stub<KeyboardEvent>());
}

describe('tray icon', () => {
  it('exists only while sharing', () => {
    const { tray, trays } = setup();
    tray.update({ sharing: false });
    assert.equal(trays.length, 0);
    tray.update({ sharing: true, agentName: 'Alice' });
    assert.equal(trays.length, 1);
    tray.update({ sharing: false });
    assert.equal(trays[0]?.destroyed, true);
  });

  it('says who sees the screen and offers Stop sharing', () => {
    const { tray, trays, stops, shows } = setup();
    tray.update({ sharing: true, agentName: 'Alice' });
    const icon = trays[0];
    assert.ok(icon?.menu);
    assert.equal(icon.tooltip, 'Acme Help: your screen is being shared');
    assert.deepEqual(icon.menu.map((item) => item.label ?? item.type), [
      'Sharing your screen with Alice',
      'separator',
      'Pause sharing',
      'Stop sharing',
      'Show Acme Help',
    ]);
    click(icon.menu.find((item) => item.label === 'Stop sharing'));
    assert.equal(stops(), 1);
    click(icon.menu.find((item) => item.label === 'Show Acme Help'));
    icon.clickListener?.();
    assert.equal(shows(), 2);
  });

  it('pauses and resumes from its menu, and says so while paused', () => {
    const { tray, trays, pauses } = setup();
    tray.update({ sharing: true, agentName: 'Alice' });
    click(trays[0]?.menu?.find((item) => item.label === 'Pause sharing'));
    assert.deepEqual(pauses, [true]);
    tray.update({ sharing: true, agentName: 'Alice', paused: true });
    const labels = trays[0]?.menu?.map((item) => item.label);
    assert.ok(labels?.includes('Resume sharing'));
    assert.ok(!labels?.includes('Pause sharing'));
    click(trays[0]?.menu?.find((item) => item.label === 'Resume sharing'));
    assert.deepEqual(pauses, [true, false]);
    assert.equal(trays.length, 1, 'pausing keeps the same icon');
  });

  it('draws a round red dot', () => {
    const size = 32;
    const pixels = recordingDotBitmap(size);
    assert.equal(pixels.length, size * size * 4);
    const at = (x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    const [b, g, r, a] = at(16, 16);
    assert.equal(a, 255);
    assert.ok((r ?? 0) > 200 && (g ?? 0) < 80 && (b ?? 0) < 80, 'red in the middle');
    assert.equal(at(0, 0)[3], 0, 'transparent corner');
  });
});
