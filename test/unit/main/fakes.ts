import type { Session } from 'electron';

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
