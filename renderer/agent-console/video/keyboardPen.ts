import { h } from '../../shared/dom';
import { pictureBox } from './pictureGeometry';

/** One arrow key press moves the crosshair by this share of the picture; with Shift, by the larger one. */
export const KEY_STEP = 0.02;
export const KEY_STEP_LARGE = 0.1;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** How far an arrow key moves the crosshair (0..1 of the picture); null for any other key. */
export function keyboardStep(key: string, large: boolean): [number, number] | null {
  const direction = ARROWS[key];
  if (!direction) return null;
  const size = large ? KEY_STEP_LARGE : KEY_STEP;
  return [direction[0] * size, direction[1] * size];
}

const clamp = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 10_000) / 10_000;

/**
 * The crosshair the agent moves with the keyboard while "Point" or "Draw" is on: a spot on the
 * picture (0..1), drawn over the video where that spot is shown (zoom and panning included).
 */
export class KeyboardPen {
  private x = 0.5;
  private y = 0.5;
  private readonly mark = h('span', { class: 'keyboard-pen', 'aria-hidden': 'true' });
  private stage: HTMLElement | null = null;
  private video: HTMLVideoElement | null = null;
  private visible = false;

  attach(stage: HTMLElement, video: HTMLVideoElement): void {
    this.stage = stage;
    this.video = video;
    stage.append(this.mark);
    // Only while the picture has the keyboard focus: a mouse user never sees it.
    stage.addEventListener('focus', () => this.place());
    stage.addEventListener('blur', () => this.place());
    this.place();
  }

  show(visible: boolean): void {
    this.visible = visible;
    this.place();
  }

  at(): [number, number] {
    return [this.x, this.y];
  }

  moveBy(dx: number, dy: number): void {
    this.moveTo([this.x + dx, this.y + dy]);
  }

  moveTo([x, y]: [number, number]): void {
    this.x = clamp(x);
    this.y = clamp(y);
    this.place();
  }

  private place(): void {
    const box = this.video ? pictureBox(this.video) : null;
    const focused = this.stage !== null && document.activeElement === this.stage;
    this.mark.hidden = !this.visible || !focused || !box || !this.stage;
    if (this.mark.hidden || !box || !this.stage) return;
    const stageBox = this.stage.getBoundingClientRect();
    this.mark.style.left = `${box.left - stageBox.left + this.x * box.width}px`;
    this.mark.style.top = `${box.top - stageBox.top + this.y * box.height}px`;
  }
}
