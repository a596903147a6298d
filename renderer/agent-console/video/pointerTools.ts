import { MAX_STROKE_POINTS, type PointerMark } from '../../../signaling/protocol';
import { button, h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';
import { KeyboardPen, keyboardStep } from './keyboardPen';
import { pictureFraction } from './pictureGeometry';

type Mode = 'point' | 'draw' | null;
/** Points closer than this (share of the picture) are not sent again while drawing. */
const MIN_STEP = 0.004;

/**
 * "Point" and "Draw": with one of them on, a click (or a drag) on the customer's picture is sent
 * to the customer over the peer data channel as 0..1 coordinates of the shared surface, so it
 * lands on the same spot whatever the resolution, zoom or scaling on either side. From the
 * keyboard (focus on the picture): the arrow keys move a crosshair, Enter or Space points there
 * (Draw: starts a line, the arrows draw it, Enter or Space ends it), Escape switches the tool off.
 */
export class PointerTools {
  readonly element: HTMLElement;
  private mode: Mode = null;
  private readonly pointButton: HTMLButtonElement;
  private readonly drawButton: HTMLButtonElement;
  private readonly hint: HTMLElement;
  private stroke: [number, number][] = [];
  private drawing = false;
  private readonly pen = new KeyboardPen();

  constructor(
    texts: DomTexts,
    private readonly send: (mark: PointerMark) => void,
  ) {
    this.pointButton = button('button button-secondary button-small pointer-point', () => this.toggle('point'));
    texts.set(this.pointButton, text('pointer.point'));
    this.drawButton = button('button button-secondary button-small pointer-draw', () => this.toggle('draw'));
    texts.set(this.drawButton, text('pointer.draw'));
    this.hint = h('span', { class: 'pointer-hint' });
    texts.set(this.hint, text('pointer.keyboardHint'));
    this.element = h('div', { class: 'pointer-tools', role: 'group' }, this.pointButton, this.drawButton, this.hint);
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
    // The arrows then move the crosshair instead of panning the picture.
    target.addEventListener('keydown', (event) => this.key(event), { capture: true });
    this.pen.attach(target, video);
    this.render();
  }

  private toggle(mode: Exclude<Mode, null>): void {
    this.setMode(this.mode === mode ? null : mode);
  }

  private setMode(mode: Mode): void {
    if (this.drawing) this.up();
    this.mode = mode;
    this.render();
  }

  private render(): void {
    this.pointButton.setAttribute('aria-pressed', String(this.mode === 'point'));
    this.drawButton.setAttribute('aria-pressed', String(this.mode === 'draw'));
    this.element.dataset.mode = this.mode ?? 'off';
    show(this.hint, this.mode !== null);
    this.pen.show(this.mode !== null);
  }

  private key(event: KeyboardEvent): void {
    if (!this.mode || event.altKey || event.ctrlKey || event.metaKey) return;
    const step = keyboardStep(event.key, event.shiftKey);
    if (step) {
      this.pen.moveBy(step[0], step[1]);
      if (this.drawing) this.extend(this.pen.at());
    } else if (event.key === 'Enter' || event.key === ' ') {
      this.press(this.pen.at());
    } else if (event.key === 'Escape') {
      this.setMode(null);
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  /** A keyboard press at the crosshair: point there, or start / end a line. */
  private press(at: [number, number]): void {
    if (this.mode === 'point') return this.send({ type: 'pointer.point', x: at[0], y: at[1] });
    if (this.drawing) return this.up();
    this.drawing = true;
    this.stroke = [at];
  }

  private down(event: PointerEvent, video: HTMLVideoElement): void {
    if (!this.mode) return;
    const at = pictureFraction(video, event);
    if (!at) return;
    event.stopPropagation();
    event.preventDefault();
    this.pen.moveTo(at);
    if (this.mode === 'point') return this.send({ type: 'pointer.point', x: at[0], y: at[1] });
    this.drawing = true;
    this.stroke = [at];
  }

  private move(event: PointerEvent, video: HTMLVideoElement): void {
    if (!this.drawing) return;
    event.stopPropagation();
    const at = pictureFraction(video, event);
    if (at) this.extend(at);
  }

  private extend(at: [number, number]): void {
    const last = this.stroke.at(-1);
    if (last && Math.hypot(at[0] - last[0], at[1] - last[1]) < MIN_STEP) return;
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
