/** Where things are on the customer's picture, which the video element shows with object-fit: contain. */

/** Where a pointer event falls on the picture (object-fit: contain, zoom transforms included), 0..1; null outside it. */
export function pictureFraction(video: HTMLVideoElement, event: { clientX: number; clientY: number }): [number, number] | null {
  const box = pictureBox(video);
  if (!box) return null;
  const x = (event.clientX - box.left) / box.width;
  const y = (event.clientY - box.top) / box.height;
  if (x < 0 || x > 1 || y < 0 || y > 1) return null;
  return [Math.round(x * 10_000) / 10_000, Math.round(y * 10_000) / 10_000];
}

/** The part of the video element the picture fills (object-fit: contain), in client pixels; null before the first frame. */
export function pictureBox(video: HTMLVideoElement): { left: number; top: number; width: number; height: number } | null {
  const box = video.getBoundingClientRect();
  if (!video.videoWidth || !video.videoHeight || !box.width || !box.height) return null;
  const scale = Math.min(box.width / video.videoWidth, box.height / video.videoHeight);
  const width = video.videoWidth * scale;
  const height = video.videoHeight * scale;
  return { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height };
}
