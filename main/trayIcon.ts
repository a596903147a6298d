/**
 * The tray icon: a red "recording" dot drawn in code (BGRA pixels for nativeImage.createFromBitmap),
 * so the app ships no image files for it.
 */
export function recordingDotBitmap(size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size * 0.42;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      // One pixel of soft edge so the dot is not jagged.
      const alpha = Math.max(0, Math.min(1, radius - distance + 0.5));
      const offset = (y * size + x) * 4;
      // Skia bitmaps are premultiplied: colour channels scaled by alpha.
      pixels[offset] = Math.round(0x2b * alpha); // blue
      pixels[offset + 1] = Math.round(0x2b * alpha); // green
      pixels[offset + 2] = Math.round(0xd9 * alpha); // red
      pixels[offset + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}
