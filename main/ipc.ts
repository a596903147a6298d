import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import type { InvokeChannel } from '../preload/contract/channels';
import { isPageUrl, type PageName } from './appProtocol';

/**
 * Every IPC handler is registered through here: the sender must be the top frame of one of our
 * own windows showing our own bundled page, and the arguments must match the route's schema.
 * Anything else is refused before the handler runs.
 */
export type SenderRole = PageName;

export interface IpcRoute {
  channel: InvokeChannel;
  from: SenderRole;
  args: z.ZodType<unknown[]>;
  handle(args: unknown[]): unknown;
}

/** Declares a route with its handler typed from the argument schema. */
export function route<Args extends z.ZodTuple>(
  channel: InvokeChannel,
  from: SenderRole,
  args: Args,
  handle: (...values: z.infer<Args>) => unknown,
): IpcRoute {
  return { channel, from, args, handle: (values) => handle(...(values as z.infer<Args>)) };
}

export type IpcSender = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
export type SenderCheck = (event: IpcSender, role: SenderRole) => boolean;

export interface SenderCheckDeps {
  /** BrowserWindow.fromWebContents */
  fromWebContents(contents: WebContents): Pick<BrowserWindow, 'id'> | null;
  /** Our window for a role, if it is open. */
  windowFor(role: SenderRole): Pick<BrowserWindow, 'id'> | undefined;
}

export function createSenderCheck(deps: SenderCheckDeps): SenderCheck {
  return (event, role) => {
    const owner = deps.fromWebContents(event.sender);
    const expected = deps.windowFor(role);
    if (!owner || !expected || owner.id !== expected.id) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return isPageUrl(frame.url, role);
  };
}

export class IpcRefused extends Error {
  override name = 'IpcRefused';
}

export function registerIpcRoutes(
  ipcMain: Pick<IpcMain, 'handle'>,
  routes: readonly IpcRoute[],
  isTrusted: SenderCheck,
  log: (message: string) => void,
): void {
  for (const { channel, from, args, handle } of routes) {
    ipcMain.handle(channel, async (event, ...received: unknown[]) => {
      if (!isTrusted(event, from)) {
        log(`dropped "${channel}" from a sender that is not our ${from} page (${event.senderFrame?.url ?? 'no frame'})`);
        throw new IpcRefused('This request is not allowed.');
      }
      const parsed = args.safeParse(received);
      if (!parsed.success) {
        log(`rejected "${channel}" with invalid arguments: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
        throw new IpcRefused('Invalid arguments.');
      }
      return handle(parsed.data);
    });
  }
}
