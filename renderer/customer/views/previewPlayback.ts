import type { MarksView } from '../flow/agentMarks';

/**
 * The preview shows the shared screen on that same screen. Playing live, it would copy every
 * change on the screen into itself one frame later, and that copy into itself again (a hall of
 * mirrors): the encoder would spend the customer's uplink on a changing 420 px copy of the screen
 * instead of sharpening the screen itself. So it plays only while the agent's marks are on it, and
 * otherwise stands still on the last frame it showed.
 */
export function previewShouldPlay(marks: MarksView, shown: boolean): boolean {
  return shown && (marks.point !== null || marks.strokes.length > 0);
}

/** Plays or stills the preview video; before its first frame it plays until that frame is shown. */
export function previewPlayback(video: HTMLVideoElement): (play: boolean) => void {
  let playing = false;
  let firstFrameShown = false;
  const afterFirstFrame = () => {
    firstFrameShown = true;
    if (!playing) video.pause();
  };
  // Firefox before 132 has no requestVideoFrameCallback: its first frame is there at 'loadeddata'.
  const onVideoFrame = video.requestVideoFrameCallback as HTMLVideoElement['requestVideoFrameCallback'] | undefined;
  if (onVideoFrame) onVideoFrame.call(video, afterFirstFrame);
  else video.addEventListener('loadeddata', afterFirstFrame, { once: true });
  return (play) => {
    playing = play;
    if (play) void video.play().catch(() => undefined);
    else if (firstFrameShown) video.pause();
  };
}
