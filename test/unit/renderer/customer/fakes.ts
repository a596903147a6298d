import { Listeners } from '../../../../renderer/shared/listeners';
import { ServerMessageHandlers, type ServerMessageHandler } from '../../../../renderer/shared/serverMessageHandlers';
import type { ConnectionClosed } from '../../../../renderer/shared/signalingConnection';
import type { CustomerMessage, ServerMessage, ShareSurface } from '../../../../signaling/protocol';
import type { ScreenInfo } from '../../../../preload/contract/desktopApi';
import type { CustomerLink, LinkRequest } from '../../../../renderer/customer/flow/customerLink';
import type { SenderPeer, SenderPeerOptions } from '../../../../renderer/customer/flow/senderPeer';
import type { CapturePermission, DeliveredKey, Platform, ScreenOverlay } from '../../../../renderer/customer/platform/platform';
import type { MarksView } from '../../../../renderer/customer/flow/agentMarks';

export { FakeClock } from '../shared/fakeClock';

/** A socket to the server that records what the page sends and lets the test answer. */
export class FakeLink implements CustomerLink {
  readonly iceServers = [{ urls: 'stun:stun.example.test:3478' }];
  readonly sent: CustomerMessage[] = [];
  windowShare = false;
  isOpen = true;
  closedByPage = false;
  private readonly handlers = new ServerMessageHandlers();
  private readonly closeHandlers = new Listeners<ConnectionClosed>();

  send(message: CustomerMessage): void {
    if (this.isOpen) this.sent.push(message);
  }
  on<T extends ServerMessage['type']>(type: T, handler: ServerMessageHandler<T>): () => void {
    return this.handlers.on(type, handler);
  }
  onClose(handler: (closed: ConnectionClosed) => void): () => void {
    return this.closeHandlers.add(handler);
  }
  close(): void {
    if (!this.isOpen) return;
    this.closedByPage = true;
    this.dropped(true);
  }
  /** The server says something. */
  receive(message: ServerMessage): void {
    this.handlers.dispatch(message);
  }
  /** The socket goes away. */
  dropped(byUs = false): void {
    this.isOpen = false;
    this.closeHandlers.emit({ code: byUs ? 1000 : 1006, reason: '', byUs });
  }
  sentOf<T extends CustomerMessage['type']>(type: T): Extract<CustomerMessage, { type: T }>[] {
    return this.sent.filter((m): m is Extract<CustomerMessage, { type: T }> => m.type === type);
  }
}

export class FakeTrack {
  readyState: 'live' | 'ended' = 'live';
  enabled = true;
  private readonly listeners: (() => void)[] = [];
  addEventListener(type: string, listener: () => void): void {
    if (type === 'ended') this.listeners.push(listener);
  }
  stop(): void {
    this.readyState = 'ended';
  }
  /** The browser's own "Stop sharing" control was used. */
  endedByBrowser(): void {
    this.readyState = 'ended';
    for (const listener of this.listeners) listener();
  }
}

export class FakeStream {
  readonly track = new FakeTrack();
  getTracks(): FakeTrack[] {
    return [this.track];
  }
  getVideoTracks(): FakeTrack[] {
    return [this.track];
  }
  asMediaStream(): MediaStream {
    return this as unknown as MediaStream;
  }
}

export class FakePeer implements SenderPeer {
  readonly received: unknown[] = [];
  destroyed = false;
  paused = false;
  /** The screen this peer sends: given at creation, or added later (after consent). */
  stream: MediaStream | null;
  constructor(readonly options: SenderPeerOptions) {
    this.stream = options.stream ?? null;
  }
  /** The picture's video section: prepared at consent (negotiated while capturing), dropped when no capture came. */
  video: 'none' | 'prepared' | 'dropped' = 'none';
  prepareVideo(): void {
    if (this.video !== 'prepared' && !this.stream) this.video = 'prepared';
  }
  dropVideo(): void {
    if (this.video === 'prepared' && !this.stream) this.video = 'dropped';
  }
  addStream(stream: MediaStream): void {
    this.stream = stream;
  }
  setPaused(paused: boolean): void {
    this.paused = paused;
  }
  words: string[] | null = ['tiger', 'corporate', 'snapshot'];
  async verificationWords(): Promise<string[] | null> {
    return this.words;
  }
  signal(data: unknown): void {
    this.received.push(data);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakePlatform implements Platform {
  client: 'web' | 'desktop' = 'web';
  preferredLanguages = ['en-US'];
  capture = true;
  permission: CapturePermission = 'granted';
  screens: ScreenInfo[] = [];
  /** What listScreens() was asked for: with windows or not. */
  listedWithWindows: boolean[] = [];
  /** What the next captured stream shows. */
  surface: ShareSurface = 'screen';
  chosen: string[] = [];
  sharingStates: { sharing: boolean; agentName?: string | undefined; paused?: boolean }[] = [];
  /** What the app's overlay was asked to draw; null: the browser (no overlay). */
  overlayMarks: MarksView[] = [];
  screenOverlay: ScreenOverlay | null = null;
  /** The desktop app: marks of a shared screen go to its overlay. */
  withOverlay(): void {
    this.screenOverlay = { show: (marks) => void this.overlayMarks.push(marks) };
  }
  startKey: DeliveredKey | null = null;
  /** What the next captureScreen() does. */
  nextCapture: () => Promise<MediaStream> = async () => new FakeStream().asMediaStream();
  captures = 0;
  private stopListeners = new Set<() => void>();
  private pauseListeners = new Set<(paused: boolean) => void>();
  private keyListeners = new Set<(key: string) => void>();

  async loadBranding() {
    return { productName: 'Screen Share', organisation: 'Example Ltd', defaultLocale: 'en' as const };
  }
  serverOrigin(): string {
    return 'https://support.example.test';
  }
  canCapture(): boolean {
    return this.capture;
  }
  async capturePermission(): Promise<CapturePermission> {
    return this.permission;
  }
  async openPermissionSettings(): Promise<void> {}
  async listScreens(withWindows: boolean): Promise<ScreenInfo[]> {
    this.listedWithWindows.push(withWindows);
    return withWindows ? this.screens : this.screens.filter((screen) => screen.kind === 'screen');
  }
  sharedSurface(): ShareSurface {
    return this.surface;
  }
  async chooseScreen(id: string): Promise<void> {
    this.chosen.push(id);
  }
  captureScreen(): Promise<MediaStream> {
    this.captures += 1;
    return this.nextCapture();
  }
  setSharingState(sharing: boolean, agentName?: string, paused?: boolean): void {
    this.sharingStates.push(paused === undefined ? { sharing, agentName } : { sharing, agentName, paused });
  }
  onPauseRequested(listener: (paused: boolean) => void): () => void {
    this.pauseListeners.add(listener);
    return () => this.pauseListeners.delete(listener);
  }
  /** The desktop indicator's or tray's "Pause"/"Resume". */
  requestPause(paused: boolean): void {
    for (const listener of this.pauseListeners) listener(paused);
  }
  onStopRequested(listener: () => void): () => void {
    this.stopListeners.add(listener);
    return () => this.stopListeners.delete(listener);
  }
  onKeyDelivered(listener: (key: string) => void): () => void {
    this.keyListeners.add(listener);
    return () => this.keyListeners.delete(listener);
  }
  initialKey(): DeliveredKey | null {
    return this.startKey;
  }
  requestStop(): void {
    for (const listener of this.stopListeners) listener();
  }
  deliverKey(key: string): void {
    for (const listener of this.keyListeners) listener(key);
  }
}

export class FakeServer {
  readonly links: FakeLink[] = [];
  readonly requests: LinkRequest[] = [];
  reachable = true;
  /** ALLOW_WINDOW_SHARE as the welcome of the next links says it. */
  windowShare = false;
  connect = async (request: LinkRequest): Promise<CustomerLink> => {
    this.requests.push(request);
    if (!this.reachable) throw new Error('could not reach the signaling server');
    const link = new FakeLink();
    link.windowShare = this.windowShare;
    this.links.push(link);
    return link;
  };
  get link(): FakeLink {
    const last = this.links.at(-1);
    if (!last) throw new Error('the page has not connected');
    return last;
  }
}

/** Lets pending promise callbacks (the flow's awaits) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function notAllowed(): Error {
  const error = new Error('Permission denied');
  error.name = 'NotAllowedError';
  return error;
}
