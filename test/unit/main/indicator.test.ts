import { strict as assert } from 'node:assert';
import { createIndicator, type IndicatorWindow } from '../../../main/indicator';
import { mainStrings } from '../../../main/strings';
import { Push } from '../../../preload/contract/channels';
import type { IndicatorView } from '../../../preload/contract/indicatorApi';
import { FakeFloatingWindow, recordingLog } from './fakes';

class FakeIndicatorWindow extends FakeFloatingWindow implements IndicatorWindow {
  static nextId = 100;
  readonly id = FakeIndicatorWindow.nextId++;
}

function setup(language: 'en' | 'de' = 'en') {
  const created: FakeIndicatorWindow[] = [];
  const indicator = createIndicator({
    createWindow: (options) => {
      const window = new FakeIndicatorWindow(options);
      created.push(window);
      return window;
    },
    preloadPath: '/app/indicator-preload.cjs',
    url: 'app://indicator/indicator.html',
    strings: mainStrings(language),
    language,
    workArea: () => ({ x: 0, y: 25, width: 1920, height: 1055 }),
    log: recordingLog().log,
  });
  return { indicator, created };
}

describe('sharing indicator window', () => {
  it('does not exist until the customer shares', () => {
    const { indicator, created } = setup();
    indicator.update({ sharing: false });
    assert.equal(created.length, 0);
    assert.equal(indicator.window(), undefined);
  });

  it('appears while sharing, on top of everything, content-protected, naming the agent', () => {
    const { indicator, created } = setup();
    indicator.update({ sharing: true, agentName: 'Alice Agent' });
    const [window] = created;
    assert.ok(window);
    assert.equal(window.visible, true);
    assert.equal(window.contentProtected, true, 'the indicator must not appear in the shared picture');
    assert.deepEqual(window.alwaysOnTop, [true, 'screen-saver']);
    assert.equal(window.allWorkspaces, true);
    assert.deepEqual(window.loaded, ['app://indicator/indicator.html']);
    const view: IndicatorView = {
      text: 'Sharing your screen with Alice Agent',
      stopLabel: 'Stop',
      pauseLabel: 'Pause',
      paused: false,
      lang: 'en',
    };
    assert.deepEqual(window.sent, [[Push.indicatorState, view]]);
    assert.deepEqual(indicator.view(), view);
    assert.equal(indicator.window(), window);
  });

  it('is a small frameless window at the top of the screen with the secure web preferences', () => {
    const { indicator, created } = setup();
    indicator.update({ sharing: true });
    const options = created[0]?.options;
    assert.ok(options);
    assert.equal(options.frame, false);
    assert.equal(options.alwaysOnTop, true);
    assert.equal(options.skipTaskbar, true);
    assert.equal(options.show, false, 'shown without stealing focus from what the customer does');
    assert.equal(options.y, 37);
    assert.equal(options.x, Math.round((1920 - (options.width ?? 0)) / 2));
    assert.equal(options.webPreferences?.contextIsolation, true);
    assert.equal(options.webPreferences?.sandbox, true);
    assert.equal(options.webPreferences?.nodeIntegration, false);
    assert.equal(options.webPreferences?.preload, '/app/indicator-preload.cjs');
  });

  it('hides when sharing stops and comes back in the same window next time', () => {
    const { indicator, created } = setup();
    indicator.update({ sharing: true, agentName: 'Alice' });
    indicator.update({ sharing: false });
    assert.equal(created[0]?.visible, false);
    indicator.update({ sharing: true, agentName: 'Bob' });
    assert.equal(created.length, 1);
    assert.equal(created[0]?.visible, true);
    assert.equal(indicator.view().text, 'Sharing your screen with Bob');
  });

  it('speaks German on German systems', () => {
    const { indicator } = setup('de');
    indicator.update({ sharing: true, agentName: 'Alice' });
    assert.deepEqual(indicator.view(), {
      text: 'Ihr Bildschirm wird mit Alice geteilt',
      stopLabel: 'Beenden',
      pauseLabel: 'Pausieren',
      paused: false,
      lang: 'de',
    });
  });

  it('says when sharing is paused and offers Resume instead of Pause', () => {
    const { indicator, created } = setup();
    indicator.update({ sharing: true, agentName: 'Alice', paused: true });
    assert.equal(created[0]?.visible, true, 'a paused share still shows the indicator');
    assert.equal(indicator.view().text, 'Sharing paused: Alice cannot see your screen');
    assert.equal(indicator.view().pauseLabel, 'Resume');
    assert.equal(indicator.view().paused, true);
    indicator.update({ sharing: true, agentName: 'Alice', paused: false });
    assert.equal(indicator.view().pauseLabel, 'Pause');
  });

  it('is gone after destroy', () => {
    const { indicator, created } = setup();
    indicator.update({ sharing: true });
    indicator.destroy();
    assert.equal(created[0]?.destroyed, true);
    assert.equal(indicator.window(), undefined);
  });
});
