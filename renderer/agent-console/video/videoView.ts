import { VideoStatsReader } from '../../shared/videoStats';
import { button, h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';
import { PictureZoom } from './pictureZoom';
import { figureTexts, type FigureTexts } from './statsFormat';
import { attachZoomGestures, ZOOM_STEP } from './zoomGestures';

const STATS_INTERVAL_MS = 1000;
/** In fullscreen the controls fade out after this long without the pointer moving. */
const FULLSCREEN_CONTROLS_IDLE_MS = 2500;

export interface VideoViewOptions {
  /** Whether "Sharp text" starts pressed (the panel remembers it across picture connections). */
  sharpText: boolean;
  /** The agent toggled "Sharp text": ask the customer's side to favour detail (true) or motion. */
  onSharpText(sharpText: boolean): void;
}

/**
 * The customer's screen: a video that takes all the room it gets, zoom (buttons, wheel, pinch,
 * keys), pan, 1:1 pixels, "Sharp text", fullscreen with the picture alone, and the live figures,
 * refreshed every second from getStats().
 */
export class VideoView {
  readonly element: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly video: HTMLVideoElement;
  private readonly placeholder: HTMLElement;
  private readonly zoomOutButton: HTMLButtonElement;
  private readonly zoomInButton: HTMLButtonElement;
  private readonly actualSizeButton: HTMLButtonElement;
  private readonly sharpTextButton: HTMLButtonElement;
  private readonly pausedNote: HTMLElement;
  private readonly fullscreenButton: HTMLButtonElement;
  private readonly zoomLevel: HTMLElement;
  private readonly figures: Record<keyof FigureTexts, HTMLElement>;
  private readonly zoom = new PictureZoom();
  private readonly resizeObserver: ResizeObserver;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onFullscreenChange = () => this.fullscreenChanged();

  constructor(
    private readonly texts: DomTexts,
    private readonly options: VideoViewOptions,
  ) {
    this.video = h('video', { class: 'video', autoplay: '', muted: '', playsinline: '' });
    this.video.muted = true; // no audio is ever sent; muted also lets autoplay start without a click
    texts.set(this.video, text('video.label'), 'label');

    this.placeholder = h('p', { class: 'video-placeholder' });
    texts.set(this.placeholder, text('video.connecting'));

    const control = (key: 'zoomOut' | 'zoomIn' | 'actualSize' | 'sharpText' | 'fullscreen', onClick: () => void) => {
      const element = button(`button button-quiet button-small video-control video-${key}`, onClick);
      texts.set(element, text(`video.${key}`));
      return element;
    };
    this.zoomOutButton = control('zoomOut', () => this.zoomBy(1 / ZOOM_STEP));
    this.zoomInButton = control('zoomIn', () => this.zoomBy(ZOOM_STEP));
    this.actualSizeButton = control('actualSize', () => this.toggleActualSize());
    this.sharpTextButton = control('sharpText', () => this.toggleSharpText());
    this.sharpTextButton.setAttribute('aria-pressed', String(options.sharpText));
    this.fullscreenButton = control('fullscreen', () => void this.toggleFullscreen());

    // The last frame stays behind this note while the customer holds the picture back.
    this.pausedNote = h('p', { class: 'video-paused' });
    texts.set(this.pausedNote, text('video.paused'));
    show(this.pausedNote, false);
    this.fullscreenButton.disabled = !document.fullscreenEnabled;
    this.zoomLevel = h('span', { class: 'zoom-level', 'aria-live': 'polite' });

    const figureList = h('dl', { class: 'figures' });
    texts.set(figureList, text('stats.label'), 'label');
    const figure = (key: 'resolution' | 'frameRate' | 'bitrate' | 'roundTrip') => {
      const term = h('dt');
      texts.set(term, text(`stats.${key}`));
      const value = h('dd', {}, '–');
      figureList.append(h('div', { class: `figure figure-${key}` }, term, value));
      return value;
    };
    this.figures = {
      resolution: figure('resolution'),
      frameRate: figure('frameRate'),
      bitrate: figure('bitrate'),
      roundTrip: figure('roundTrip'),
    };

    this.stage = h('div', { class: 'video-stage', tabindex: '0', role: 'group' }, this.video, this.placeholder, this.pausedNote);
    texts.set(this.stage, text('video.stageLabel'), 'label');
    const controls = h(
      'div',
      { class: 'video-controls' },
      this.zoomOutButton,
      this.zoomLevel,
      this.zoomInButton,
      this.actualSizeButton,
      this.sharpTextButton,
      this.fullscreenButton,
    );
    const bar = h('div', { class: 'video-bar' }, figureList, controls);
    this.element = h('div', { class: 'video-frame' }, this.stage, bar);

    attachZoomGestures(this.stage, {
      zoom: this.zoom,
      plainWheelZooms: () => this.isFullscreen,
      changed: () => this.draw(),
    });
    this.resizeObserver = new ResizeObserver(() => this.measure());
    this.resizeObserver.observe(this.stage);
    this.video.addEventListener('resize', () => this.measure());
    this.element.addEventListener('pointermove', () => this.wakeControls());
    this.fullscreenChanged();
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
  }

  showStream(stream: MediaStream, connection: RTCPeerConnection): void {
    this.video.srcObject = stream;
    show(this.placeholder, false);
    this.element.classList.add('has-stream');
    this.startStats(connection);
    this.measure();
  }

  /** The <video> itself, for the pointer tools (clicks on the picture). */
  get picture(): HTMLVideoElement {
    return this.video;
  }

  setPaused(paused: boolean): void {
    show(this.pausedNote, paused);
    this.element.classList.toggle('is-paused', paused);
  }

  /** Stops reading figures and lets go of the stream; the last frame is not kept. */
  stop(): void {
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    clearTimeout(this.idleTimer);
    this.resizeObserver.disconnect();
    this.video.srcObject = null;
    this.element.classList.remove('has-stream');
    if (this.isFullscreen) void document.exitFullscreen().catch(() => undefined);
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
  }

  private get isFullscreen(): boolean {
    return document.fullscreenElement === this.element;
  }

  private zoomBy(factor: number): void {
    this.zoom.zoomBy(factor);
    this.draw();
  }

  private toggleActualSize(): void {
    if (this.zoom.isActualSize) this.zoom.fit();
    else this.zoom.actualSize();
    this.draw();
  }

  private toggleSharpText(): void {
    const sharpText = this.sharpTextButton.getAttribute('aria-pressed') !== 'true';
    this.sharpTextButton.setAttribute('aria-pressed', String(sharpText));
    this.options.onSharpText(sharpText);
  }

  private measure(): void {
    const box = this.stage.getBoundingClientRect();
    this.zoom.setGeometry(
      { width: box.width, height: box.height },
      { width: this.video.videoWidth, height: this.video.videoHeight },
      window.devicePixelRatio,
    );
    this.draw();
  }

  private draw(): void {
    this.video.style.transform = this.zoom.isZoomed ? this.zoom.transform : '';
    this.stage.classList.toggle('is-zoomed', this.zoom.isZoomed);
    const percent = Math.round(this.zoom.scale * 100);
    this.texts.set(this.zoomLevel, text('video.zoomLevel', { percent }));
    this.zoomInButton.disabled = this.zoom.scale >= this.zoom.maxScale - 1e-6;
    this.zoomOutButton.disabled = this.zoom.scale <= this.zoom.minScale + 1e-6;
    this.actualSizeButton.setAttribute('aria-pressed', String(this.zoom.isActualSize && this.video.videoWidth > 0));
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
      if (this.isFullscreen) await document.exitFullscreen();
      else await this.element.requestFullscreen({ navigationUI: 'hide' });
    } catch (error) {
      console.warn('fullscreen was refused', error);
    }
  }

  private fullscreenChanged(): void {
    const isFullscreen = this.isFullscreen;
    this.texts.set(this.fullscreenButton, text(isFullscreen ? 'video.exitFullscreen' : 'video.fullscreen'));
    this.element.classList.toggle('is-fullscreen', isFullscreen);
    if (isFullscreen) {
      this.wakeControls();
      this.stage.focus({ preventScroll: true });
    } else {
      clearTimeout(this.idleTimer);
      this.element.classList.remove('controls-idle');
    }
  }

  /** In fullscreen the picture stands alone; the controls come back while the pointer moves. */
  private wakeControls(): void {
    this.element.classList.remove('controls-idle');
    clearTimeout(this.idleTimer);
    if (!this.isFullscreen) return;
    this.idleTimer = setTimeout(() => this.element.classList.add('controls-idle'), FULLSCREEN_CONTROLS_IDLE_MS);
  }
}
