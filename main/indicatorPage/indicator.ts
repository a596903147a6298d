import type { IndicatorApi, IndicatorView } from '../../preload/contract/indicatorApi';
import { INDICATOR_API_GLOBAL } from '../../preload/contract/indicatorGlobal';

/** The indicator window's page: shows who sees the screen and offers Pause/Resume and Stop. */
const api = (window as unknown as Record<string, IndicatorApi | undefined>)[INDICATOR_API_GLOBAL];
const text = document.getElementById('text');
const stop = document.getElementById('stop');
const pause = document.getElementById('pause');
let paused = false;

function show(view: IndicatorView): void {
  document.documentElement.lang = view.lang;
  if (text) text.textContent = view.text;
  if (stop) stop.textContent = view.stopLabel;
  if (pause) pause.textContent = view.pauseLabel;
  paused = view.paused;
  document.body.classList.toggle('is-paused', paused);
  document.title = view.text;
}

if (api) {
  api.onView(show);
  api.getView().then(show, () => {});
  stop?.addEventListener('click', () => {
    stop.setAttribute('disabled', '');
    void api.stop().finally(() => stop.removeAttribute('disabled'));
  });
  pause?.addEventListener('click', () => {
    api.pause(!paused).catch(() => {});
  });
}
