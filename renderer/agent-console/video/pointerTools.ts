import { MAX_STROKE_POINTS, type PointerMark } from '../../../signaling/protocol';
import { button, h } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';

type Mode = 'point' | 'draw' | null;
/** Points closer than this (share of the picture) are not sent again while drawing. */
const MIN_STEP = 0.004;

/**
 * "Point" and "Draw": with one of them on, a click (or a drag) on the customer's picture is sent
 * to the customer over the peer data channel as 0..1 coordinates of the shared surface, so it
 * lands on the same spot whatever the resolution, zoom or scaling on either side.
 */
export class PointerTools {
  readonly element: HTMLElement;
  private mode: Mode = null;
  private readonly pointButton: HTMLButtonElement;
  private readonly drawButton: HTMLButtonElement;
  private stroke: [number, number][] = [];
  private drawing = false;

  constructor(
    texts: DomTexts,
    private readonly send: (mark: PointerMark) => void,
  ) {
    this.pointButton = button('button button-secondary button-small pointer-point', () => this.toggle('point'));
    texts.set(this.pointButton, text('pointer.point'));
    this.drawButton = button('button button-secondary button-small pointer-draw', () => this.toggle('draw'));
    texts.set(this.drawButton, text('pointer.draw'));
    this.element = h('div', { class: 'pointer-tools', role: 'group' }, this.pointButton, this.drawButton);
    texts.set(this.element, text('pointer.label'), 'label');
    this.render();
  }

  /** Listens on this picture (a new one after every reconnect). */
  attach(video: HTMLVideoElement): void {
    const target = video.parentElement ?? video;
    // Capture phase: while pointing or drawing, the press is ours, not the picture's pan gesture.
    target.addEventListener('pointerdown', (event) => this.down(event, video), { capture: true });
    target.addEventListener('pointermove', (event) => this.move(event, video), { capture: true });
    target.addEventListener('pointerup', () => this.up(), { capture: true });
    target.addEventListener('pointercancel', () => this.up(), { capture: true });
  }

  private toggle(mode: Exclude<Mode, null>): void {
    this.mode = this.mode === mode ? null : mode;
    this.render();
  }

  private render(): void {
    this.pointButton.setAttribute('aria-pressed', String(this.mode === 'point'));
    this.drawButton.setAttribute('aria-pressed', String(this.mode === 'draw'));
    this.element.dataset.mode = this.mode ?? 'off';
  }

  private down(event: PointerEvent, video: HTMLVideoElement): void {
    if (!this.mode) return;
    const at = pictureFraction(video, event);
    if (!at) return;
    event.stopPropagation();
    event.preventDefault();
    if (this.mode === 'point') return this.send({ type: 'pointer.point', x: at[0], y: at[1] });
    this.drawing = true;
    this.stroke = [at];
  }

  private move(event: PointerEvent, video: HTMLVideoElement): void {
    if (!this.drawing) return;
    event.stopPropagation();
    const at = pictureFraction(video, event);
    const last = this.stroke.at(-1);
    if (!at || (last && Math.hypot(at[0] - last[0], at[1] - last[1]) < MIN_STEP)) return;
    this.stroke.push(at);
    if (this.stroke.length >= MAX_STROKE_POINTS) this.flush();
  }

  private up(): void {
    if (!this.drawing) return;
    this.drawing = false;
    this.flush();
    this.stroke = [];
  }

  /** Sends the line so far; the next piece starts where this one ended. */
  private flush(): void {
    if (this.stroke.length >= 2) this.send({ type: 'pointer.stroke', points: this.stroke });
    this.stroke = this.stroke.slice(-1);
  }
}

/** Where a pointer event falls on the picture (object-fit: contain, zoom transforms included), 0..1; null outside it. */
export function pictureFraction(video: HTMLVideoElement, event: { clientX: number; clientY: number }): [number, number] | null {
  const box = video.getBoundingClientRect();
  if (!video.videoWidth || !video.videoHeight || !box.width || !box.height) return null;
  const scale = Math.min(box.width / video.videoWidth, box.height / video.videoHeight);
  const width = video.videoWidth * scale;
  const height = video.videoHeight * scale;
  const x = (event.clientX - (box.left + (box.width - width) / 2)) / width;
  const y = (event.clientY - (box.top + (box.height - height) / 2)) / height;
  if (x < 0 || x > 1 || y < 0 || y > 1) return null;
  return [Math.round(x * 10_000) / 10_000, Math.round(y * 10_000) / 10_000];
}
