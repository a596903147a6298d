import { VideoStatsReader } from '../../shared/videoStats';
import { button, h, show } from '../dom';
import type { DomTexts } from '../i18n/domTexts';
import { text } from '../i18n/textRef';
import { figureTexts, type FigureTexts } from './statsFormat';

const STATS_INTERVAL_MS = 1000;

/**
 * The customer's screen: a video fit to the panel, a fullscreen toggle and the live figures,
 * refreshed every second from getStats().
 */
export class VideoView {
  readonly element: HTMLElement;
  private readonly video: HTMLVideoElement;
  private readonly placeholder: HTMLElement;
  private readonly fullscreenButton: HTMLButtonElement;
  private readonly figures: Record<keyof FigureTexts, HTMLElement>;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private readonly onFullscreenChange = () => this.labelFullscreenButton();

  constructor(private readonly texts: DomTexts) {
    this.video = h('video', { class: 'video', attrs: { autoplay: '', muted: '', playsinline: '' } });
    this.video.muted = true; // no audio is ever sent; muted also lets autoplay start without a click
    texts.set(this.video, text('video.label'), 'label');

    this.placeholder = h('p', { class: 'video-placeholder' });
    texts.set(this.placeholder, text('video.connecting'));

    this.fullscreenButton = button('button button-quiet button-small video-fullscreen', () => void this.toggleFullscreen());
    this.fullscreenButton.disabled = !document.fullscreenEnabled;

    const figureList = h('dl', { class: 'figures' });
    texts.set(figureList, text('stats.label'), 'label');
    const figure = (key: 'resolution' | 'frameRate' | 'bitrate' | 'roundTrip') => {
      const term = h('dt');
      texts.set(term, text(`stats.${key}`));
      const value = h('dd', { text: '–' });
      figureList.append(h('div', { class: `figure figure-${key}` }, term, value));
      return value;
    };
    this.figures = {
      resolution: figure('resolution'),
      frameRate: figure('frameRate'),
      bitrate: figure('bitrate'),
      roundTrip: figure('roundTrip'),
    };

    const stage = h('div', { class: 'video-stage' }, this.video, this.placeholder);
    const bar = h('div', { class: 'video-bar' }, figureList, this.fullscreenButton);
    this.element = h('div', { class: 'video-frame' }, stage, bar);
    this.labelFullscreenButton();
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
  }

  showStream(stream: MediaStream, connection: RTCPeerConnection): void {
    this.video.srcObject = stream;
    show(this.placeholder, false);
    this.element.classList.add('has-stream');
    this.startStats(connection);
  }

  /** Stops reading figures and lets go of the stream; the last frame is not kept. */
  stop(): void {
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    this.video.srcObject = null;
    this.element.classList.remove('has-stream');
    if (document.fullscreenElement === this.element) void document.exitFullscreen().catch(() => undefined);
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
  }

  private startStats(connection: RTCPeerConnection): void {
    clearInterval(this.statsTimer);
    const reader = new VideoStatsReader(connection);
    const update = async () => {
      try {
        this.showFigures(figureTexts(await reader.read(), this.texts.locale));
      } catch (error) {
        console.warn('could not read video statistics', error);
      }
    };
    void update();
    this.statsTimer = setInterval(() => void update(), STATS_INTERVAL_MS);
  }

  private showFigures(figures: FigureTexts): void {
    for (const key of Object.keys(figures) as (keyof FigureTexts)[]) this.texts.set(this.figures[key], figures[key]);
  }

  private async toggleFullscreen(): Promise<void> {
    try {
      if (document.fullscreenElement === this.element) await document.exitFullscreen();
      else await this.element.requestFullscreen();
    } catch (error) {
      console.warn('fullscreen was refused', error);
    }
  }

  private labelFullscreenButton(): void {
    const isFullscreen = document.fullscreenElement === this.element;
    this.texts.set(this.fullscreenButton, text(isFullscreen ? 'video.exitFullscreen' : 'video.fullscreen'));
    this.element.classList.toggle('is-fullscreen', isFullscreen);
  }
}
