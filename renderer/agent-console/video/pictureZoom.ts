/** A width and a height in CSS pixels (or, for the stream, in video pixels). */
export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

const MAX_ZOOM = 8;

/**
 * Zoom and pan of the customer's picture inside its stage, as numbers only (no DOM). Scale 1 is
 * "fit": the whole picture at the largest size the stage allows (object-fit: contain). The
 * picture never drifts away: when it is larger than the stage it always covers it, and when it is
 * smaller it stays centred.
 */
export class PictureZoom {
  private stage: Size = { width: 0, height: 0 };
  private picture: Size = { width: 0, height: 0 };
  private pixelRatio = 1;
  private currentScale = 1;
  private x = 0;
  private y = 0;
  /**
   * "Actual size" was chosen and no other zoom since: it stays 1:1 when the stream changes
   * resolution (the first frame comes at half size, the encoder may scale under a slow uplink)
   * or the stage changes size.
   */
  private keepsActualSize = false;

  get scale(): number {
    return this.currentScale;
  }

  get isZoomed(): boolean {
    return Math.abs(this.currentScale - 1) > 1e-6;
  }

  /** The scale at which one video pixel is one screen pixel ("Actual size"). */
  get actualScale(): number {
    const fitted = this.fitted();
    if (fitted.width <= 0 || this.picture.width <= 0) return 1;
    return this.picture.width / this.pixelRatio / fitted.width;
  }

  get isActualSize(): boolean {
    return Math.abs(this.currentScale - this.actualScale) < 1e-3;
  }

  get minScale(): number {
    return Math.min(1, this.actualScale);
  }

  get maxScale(): number {
    return Math.max(MAX_ZOOM, this.actualScale * 2);
  }

  /**
   * The stage or the stream changed size: keep the scale (or 1:1, if that was chosen) and pull the
   * picture back into place.
   */
  setGeometry(stage: Size, picture: Size, pixelRatio: number): void {
    this.stage = stage;
    this.picture = picture;
    this.pixelRatio = pixelRatio > 0 ? pixelRatio : 1;
    if (this.keepsActualSize) this.scaleTo(this.actualScale);
    else this.place(this.x, this.y, this.currentScale);
  }

  /** Zooms by a factor around a point of the stage (its centre by default). */
  zoomBy(factor: number, at?: Point): void {
    this.zoomTo(this.currentScale * factor, at);
  }

  zoomTo(scale: number, at?: Point): void {
    this.keepsActualSize = false;
    this.scaleTo(scale, at);
  }

  actualSize(at?: Point): void {
    this.scaleTo(this.actualScale, at);
    this.keepsActualSize = true;
  }

  fit(): void {
    this.keepsActualSize = false;
    this.place(0, 0, 1);
  }

  panBy(dx: number, dy: number): void {
    this.place(this.x + dx, this.y + dy, this.currentScale);
  }

  private scaleTo(scale: number, at: Point = { x: this.stage.width / 2, y: this.stage.height / 2 }): void {
    const next = Math.min(this.maxScale, Math.max(this.minScale, scale));
    // Keep the picture point under `at` where it is.
    const contentX = (at.x - this.x) / this.currentScale;
    const contentY = (at.y - this.y) / this.currentScale;
    this.place(at.x - contentX * next, at.y - contentY * next, next);
  }

  /** The CSS transform for the video element (transform-origin 0 0). */
  get transform(): string {
    return `translate(${round(this.x)}px, ${round(this.y)}px) scale(${round(this.currentScale, 4)})`;
  }

  /** The picture's size on screen now, in CSS pixels. */
  get shownSize(): Size {
    const fitted = this.fitted();
    return { width: fitted.width * this.currentScale, height: fitted.height * this.currentScale };
  }

  private fitted(): Size {
    const { stage, picture } = this;
    if (picture.width <= 0 || picture.height <= 0) return stage;
    const ratio = Math.min(stage.width / picture.width, stage.height / picture.height);
    return { width: picture.width * ratio, height: picture.height * ratio };
  }

  /** Sets scale and translation, clamped so the picture covers the stage or stays centred. */
  private place(x: number, y: number, scale: number): void {
    const fitted = this.fitted();
    this.currentScale = scale;
    this.x = clampAxis(x, scale, this.stage.width, fitted.width);
    this.y = clampAxis(y, scale, this.stage.height, fitted.height);
  }
}

/**
 * One axis of the clamp. The video element fills the stage and letterboxes the picture, so the
 * picture starts at (stage − fitted) / 2 inside it, scaled with the element from its corner.
 */
function clampAxis(translate: number, scale: number, stage: number, fitted: number): number {
  const offset = (scale * (stage - fitted)) / 2;
  const shown = scale * fitted;
  const start = translate + offset;
  const clampedStart = shown <= stage ? (stage - shown) / 2 : Math.min(0, Math.max(stage - shown, start));
  return clampedStart - offset;
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
