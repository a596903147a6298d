import type { BrowserWindowConstructorOptions, Session } from 'electron';

/**
 * Fakes of the Electron objects the main-process modules receive, typed against electron.d.ts.
 * `stub` is for values a module only passes around or compares (a WebContents, an Event): only
 * the members a test gives exist, so a module touching anything else fails loudly.
 */
export function stub<T>(members: Partial<T> = {}): T {
  return members as T;
}

type HandlerSetter = 'setDisplayMediaRequestHandler' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler';
type Handler<K extends HandlerSetter> = NonNullable<Parameters<Session[K]>[0]>;

export class FakeSession
  implements
    Pick<
      Session,
      'setDisplayMediaRequestHandler' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
    >
{
  displayMediaHandler?: Handler<'setDisplayMediaRequestHandler'>;
  displayMediaOptions?: Parameters<Session['setDisplayMediaRequestHandler']>[1];
  permissionRequest?: Handler<'setPermissionRequestHandler'>;
  permissionCheck?: Handler<'setPermissionCheckHandler'>;
  devicePermission?: Handler<'setDevicePermissionHandler'>;

  setDisplayMediaRequestHandler(...[handler, options]: Parameters<Session['setDisplayMediaRequestHandler']>): void {
    this.displayMediaHandler = handler ?? undefined;
    this.displayMediaOptions = options;
  }
  setPermissionRequestHandler(handler: Parameters<Session['setPermissionRequestHandler']>[0]): void {
    this.permissionRequest = handler ?? undefined;
  }
  setPermissionCheckHandler(handler: Parameters<Session['setPermissionCheckHandler']>[0]): void {
    this.permissionCheck = handler ?? undefined;
  }
  setDevicePermissionHandler(handler: Parameters<Session['setDevicePermissionHandler']>[0]): void {
    this.devicePermission = handler ?? undefined;
  }
}

/** setTimeout/clearTimeout that only run when the test advances time. */
export class ManualTimers {
  private now = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    if (typeof handle === 'number') this.pending.delete(handle);
  };
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = until;
  }
}

/** A log that tests can read. */
export function recordingLog(): { log: (message: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { log: (message) => lines.push(message), lines };
}

/**
 * What the always-on-top windows of main (the sharing indicator, the pointer overlay) do to a
 * BrowserWindow, recorded: each test's fake adds only its own window's extras.
 */
export class FakeFloatingWindow {
  contentProtected = false;
  alwaysOnTop: [boolean, string | undefined] = [false, undefined];
  allWorkspaces = false;
  visible = false;
  destroyed = false;
  loaded: string[] = [];
  sent: [string, unknown][] = [];
  readonly webContents = { send: (channel: string, ...args: unknown[]) => void this.sent.push([channel, args[0]]) };

  constructor(readonly options: BrowserWindowConstructorOptions) {}
  setContentProtection(enable: boolean): void {
    this.contentProtected = enable;
  }
  setAlwaysOnTop(flag: boolean, level?: string): void {
    this.alwaysOnTop = [flag, level];
  }
  setVisibleOnAllWorkspaces(visible: boolean): void {
    this.allWorkspaces = visible;
  }
  showInactive(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
}
