import type { AgentIdentity, IceServer, ServerMessageOf, ShareSurface, SignalData } from '../../../signaling/protocol';
import type { Clock } from '../../shared/clock';
import type { Platform } from '../platform/platform';
import { ActiveShare } from './activeShare';
import { AgentMarks } from './agentMarks';
import type { FlowSteps } from './flowSteps';
import { NamedTimers } from './namedTimers';
import type { CreateSenderPeer } from './senderPeer';
import type { SessionLink } from './sessionLink';

/** After the peer connection drops, wait this long for the server to say why before calling it lost. */
export const PEER_LOSS_GRACE_MS = 3_000;

export interface ScreenSharingEvents {
  /** The browser's own "Stop sharing" control (or the OS) ended the capture. */
  captureEnded(): void;
  /** The picture is gone and will not come back: the session ends as lost. */
  pictureLost(): void;
}

/**
 * The share with the agent: its connection set up early (while the consent screen shows), then
 * the captured picture with its pause, the agent's marks, a new peer when either side comes back,
 * and a picture that drops. Keeps the sharing step current.
 */
export class ScreenSharing {
  private share: ActiveShare | null = null;
  private readonly timers: NamedTimers<'peerLoss'>;
  private readonly marks: AgentMarks;

  constructor(
    private readonly platform: Platform,
    private readonly createPeer: CreateSenderPeer,
    clock: Clock,
    private readonly steps: FlowSteps,
    private readonly link: SessionLink,
    private readonly events: ScreenSharingEvents,
  ) {
    this.timers = new NamedTimers(clock);
    this.marks = new AgentMarks(clock, () => {
      const state = this.steps.state;
      if (state.step !== 'sharing') return;
      const marks = this.marks.view();
      if (state.marksOnScreen) platform.screenOverlay?.show(marks);
      this.steps.update({ ...state, marks, marksShown: this.marks.shown });
    });
  }

  /** The captured screen while sharing. */
  get stream(): MediaStream | null {
    return this.share?.stream ?? null;
  }

  /** Our connection to the agent stands (told to the server when resuming). */
  get hasPeer(): boolean {
    return this.share !== null && !this.share.peerLost;
  }

  /**
   * While the customer reads who asks, the connection to the agent is set up without media (no
   * track, no video section: the server relays nothing more before consent), so that "Share my
   * screen" only has to add the picture.
   */
  connectEarly(): void {
    this.share ??= this.openShare();
  }

  /** Consent is given: the picture's offer and answer run while the screen is being captured. */
  expectPicture(): void {
    this.share?.expectPicture();
  }

  /** The capture failed or was refused: the prepared video section closes again. */
  pictureNotComing(): void {
    this.share?.pictureNotComing();
  }

  setPaused(paused: boolean): void {
    const state = this.steps.state;
    if (state.step !== 'sharing' || state.paused === paused || !this.share) return;
    this.share.setPaused(paused);
    this.link.send({ type: 'share.state', state: paused ? 'paused' : 'sharing' });
    this.steps.update({ ...state, paused });
    this.platform.setSharingState(true, state.agent.displayName, paused);
  }

  /** The customer's switch for the agent's pointer and drawings. */
  setMarksShown(shown: boolean): void {
    this.marks.setShown(shown);
  }

  /** Signaling from the agent's side, relayed by the server. */
  signal(data: SignalData): void {
    this.share?.signal(data);
  }

  useIceServers(iceServers: IceServer[]): void {
    this.share?.useIceServers(iceServers);
  }

  /** The agent's socket went away or came back (link.peerPresence has noted which). */
  peerPresence(message: ServerMessageOf<'session.peer'>): void {
    if (message.state === 'back' && this.share && (message.needsNewPeer || !this.pictureUp())) {
      this.share.restartPeer(this.link.route);
      const state = this.steps.state;
      if (state.step === 'sharing') this.steps.update({ ...state, connected: false, words: null });
    }
    this.showReconnecting();
  }

  /** We are back in the session after our socket dropped. */
  resumed(): void {
    // The picture was not up (or died) while we were away, and the agent is here: signals may
    // have been lost, so offer a fresh peer.
    if (this.share && !this.link.peerAway && !this.pictureUp()) this.share.restartPeer(this.link.route);
    this.showReconnecting();
  }

  showReconnecting(): void {
    const state = this.steps.state;
    if (state.step !== 'sharing') return;
    const reconnecting = this.link.reconnecting;
    if (reconnecting !== state.reconnecting) this.steps.update({ ...state, reconnecting });
    // Back together with a dead picture: the usual short wait for an explanation applies again.
    if (!reconnecting && this.share?.peerLost) this.peerLost();
  }

  /** The session is over: media stopped, peer destroyed, no timer left. */
  release(): void {
    this.timers.clear('peerLoss');
    this.marks.clear();
    const share = this.share;
    this.share = null;
    if (share) {
      const wasSharing = share.stream !== null;
      share.stop();
      if (wasSharing) this.platform.setSharingState(false);
    }
  }

  /** The screen is captured: the picture goes out and the customer sees the sharing screen. */
  start(stream: MediaStream, agent: AgentIdentity, surface: ShareSurface): void {
    this.link.send({ type: 'share.state', state: 'sharing', surface });
    const share = (this.share ??= this.openShare());
    share.attach(stream);
    this.steps.move('captured', {
      step: 'sharing',
      agent,
      surface,
      connected: share.connected,
      reconnecting: this.link.reconnecting,
      paused: false,
      words: share.words,
      marks: this.marks.view(),
      marksShown: this.marks.shown,
      marksOnScreen: surface === 'screen' && this.platform.screenOverlay !== null,
    });
    this.platform.setSharingState(true, agent.displayName, false);
  }

  private openShare(): ActiveShare {
    return new ActiveShare(this.link.route, this.createPeer, {
      onCaptureEnded: () => this.events.captureEnded(),
      onConnected: () => {
        this.timers.clear('peerLoss');
        this.link.pictureConnected();
        const state = this.steps.state;
        if (state.step === 'sharing') this.steps.update({ ...state, connected: true });
      },
      onMark: (mark) => {
        // Marks point at the shared picture: before there is one they mean nothing.
        if (this.steps.state.step === 'sharing') this.marks.receive(mark);
      },
      onWords: (words) => {
        const state = this.steps.state;
        if (state.step === 'sharing') this.steps.update({ ...state, words });
      },
      onPeerLost: (error) => {
        console.warn('the screen connection closed', error);
        this.peerLost();
      },
    });
  }

  /** The picture connection dropped; if the server does not explain it soon, call it lost. */
  private peerLost(): void {
    const state = this.steps.state;
    if (state.step !== 'sharing') return;
    if (state.connected) this.steps.update({ ...state, connected: false, words: null });
    // While either side is reconnecting, a new peer follows when both are back.
    if (this.link.reconnecting || this.timers.has('peerLoss')) return;
    this.timers.start('peerLoss', PEER_LOSS_GRACE_MS, () => {
      if (this.steps.state.step !== 'sharing' || this.link.reconnecting) return;
      if (this.link.restartSilently()) return this.showReconnecting();
      // Closing the socket lets the server tell the agent "connection lost" rather than "ended".
      this.events.pictureLost();
    });
  }

  /** The connection to the agent is up (in the sharing step: with the picture). */
  private pictureUp(): boolean {
    return this.share !== null && this.share.connected && !this.share.peerLost;
  }
}
