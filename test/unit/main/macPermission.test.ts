import { strict as assert } from 'node:assert';
import type { Shell, SystemPreferences } from 'electron';
import { openScreenPermissionSettings, screenPermission } from '../../../main/macPermission';

type Status = ReturnType<SystemPreferences['getMediaAccessStatus']>;

function deps(platform: NodeJS.Platform, status: Status) {
  const opened: string[] = [];
  const asked: string[] = [];
  const shell: Pick<Shell, 'openExternal'> = { openExternal: async (url) => void opened.push(url) };
  const systemPreferences: Pick<SystemPreferences, 'getMediaAccessStatus'> = {
    getMediaAccessStatus: (mediaType) => {
      asked.push(mediaType);
      return status;
    },
  };
  return { platform, shell, systemPreferences, opened, asked };
}

describe('macOS screen recording permission', () => {
  it('reports what macOS says about screen recording', () => {
    for (const status of ['granted', 'denied', 'restricted', 'not-determined', 'unknown'] as const) {
      const d = deps('darwin', status);
      assert.equal(screenPermission(d), status);
      assert.deepEqual(d.asked, ['screen']);
    }
  });

  it('opens the Screen Recording page of System Settings', async () => {
    const d = deps('darwin', 'denied');
    await openScreenPermissionSettings(d);
    assert.deepEqual(d.opened, ['x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture']);
  });

  it('elsewhere there is nothing to grant and nothing to open', async () => {
    for (const platform of ['win32', 'linux'] as const) {
      const d = deps(platform, 'denied');
      assert.equal(screenPermission(d), 'granted');
      await openScreenPermissionSettings(d);
      assert.deepEqual(d.opened, []);
      assert.deepEqual(d.asked, []);
    }
  });
});
