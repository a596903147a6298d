import type { AgentIdentity, ShareSurface } from '../../../signaling/protocol';
import type { Clock } from '../../shared/clock';
import { classifyCaptureError } from '../platform/captureError';
import type { Platform } from '../platform/platform';
import { isInSession } from './flowState';
import type { FlowSteps } from './flowSteps';
import { firstCaptureStep, LiveScreenList, type CaptureStart } from './screenChoice';
import type { SessionLink } from './sessionLink';

/** Where the captured screen goes (the share): told that a picture is on its way, is not coming after all, or is here. */
export interface PictureSink {
  expectPicture(): void;
  pictureNotComing(): void;
  start(stream: MediaStream, agent: AgentIdentity, surface: ShareSurface): void;
}

/**
 * From consent (or "Check again", "Try again", "Continue sharing") to a captured screen: the
 * macOS permission help, our own picker with live thumbnails, the capture itself, and a window
 * the server does not allow. Only the newest attempt counts; a late one is stopped.
 */
export class ScreenCapture {
  private attempt = 0;
  private readonly screenList: LiveScreenList;

  constructor(
    private readonly platform: Platform,
    clock: Clock,
    private readonly steps: FlowSteps,
    private readonly link: SessionLink,
    private readonly picture: PictureSink,
  ) {
    this.screenList = new LiveScreenList(platform, clock);
  }

  async prepare(): Promise<void> {
    const agent = this.sessionAgent();
    if (!agent) return;
    this.showChoosing(agent);
    // Consent is given: the picture's offer and answer run while the screen is being captured.
    this.picture.expectPicture();
    let start: CaptureStart = { next: 'capture' };
    try {
      start = await firstCaptureStep(this.platform, this.link.windowShare);
    } catch (error) {
      console.warn('could not prepare the screen capture; trying anyway', error);
    }
    if (!isInSession(this.steps.state)) return;
    if (start.next === 'permission') return void this.steps.move('needs-permission', { step: 'permission', agent });
    this.link.send({ type: 'share.state', state: 'choosing' });
    if (start.next === 'capture') return this.capture();
    if (!this.steps.move('screens-listed', { step: 'picker', agent, screens: start.screens })) return;
    this.screenList.start(this.link.windowShare, (screens) => {
      const state = this.steps.state;
      if (state.step === 'picker') this.steps.update({ ...state, screens });
    });
  }

  async chooseScreen(id: string): Promise<void> {
    const state = this.steps.state;
    const agent = state.step === 'picker' ? state.agent : null;
    if (!agent) return;
    this.screenList.stop();
    this.showChoosing(agent);
    await this.platform.chooseScreen(id);
    await this.capture();
  }

  /** The session is over: the picker stops refreshing and a capture still under way is dropped. */
  stop(): void {
    this.screenList.stop();
    this.attempt++;
  }

  /** Shown at once after a click, so a second click cannot start a second capture. */
  private showChoosing(agent: AgentIdentity): void {
    if (this.steps.state.step === 'choosing') return;
    this.steps.move('prepare-capture', { step: 'choosing', agent, browserDialog: this.platform.client === 'web', windows: this.link.windowShare });
  }

  private async capture(): Promise<void> {
    const agent = this.sessionAgent();
    if (!agent) return;
    const attempt = ++this.attempt;
    this.showChoosing(agent);
    let stream: MediaStream;
    try {
      stream = await this.platform.captureScreen();
    } catch (error) {
      if (attempt === this.attempt && this.steps.state.step === 'choosing') {
        console.warn('screen capture failed', error);
        this.picture.pictureNotComing();
        this.steps.move('capture-failed', { step: 'capture-problem', agent, problem: classifyCaptureError(error) });
      }
      return;
    }
    // Without a socket the share can still start if we are about to resume (its offer follows then).
    if (attempt !== this.attempt || this.steps.state.step !== 'choosing' || (!this.link.link && !this.link.resumable)) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    const surface = this.platform.sharedSurface(stream);
    if (surface === 'window' && !this.link.windowShare) {
      // The browser's dialog offers windows and tabs whatever we ask for: only a screen may go.
      for (const track of stream.getTracks()) track.stop();
      this.picture.pictureNotComing();
      this.steps.move('capture-failed', { step: 'capture-problem', agent, problem: 'whole-screen' });
      return;
    }
    this.picture.start(stream, agent, surface);
  }

  private sessionAgent(): AgentIdentity | null {
    const state = this.steps.state;
    return isInSession(state) ? state.agent : null;
  }
}
