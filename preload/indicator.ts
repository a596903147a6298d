import './zodWithoutEval';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { Invoke, Push } from './contract/channels';
import { INDICATOR_API_GLOBAL, IndicatorView, type IndicatorApi } from './contract/indicatorApi';

/** The indicator window's preload: what to show, and its Stop button. */
const api: IndicatorApi = {
  getView: async () => IndicatorView.parse(await ipcRenderer.invoke(Invoke.indicatorGetState)),
  onView: (listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => {
      const view = IndicatorView.safeParse(payload);
      if (view.success) listener(view.data);
    };
    ipcRenderer.on(Push.indicatorState, wrapped);
    return () => {
      ipcRenderer.removeListener(Push.indicatorState, wrapped);
    };
  },
  stop: async () => {
    await ipcRenderer.invoke(Invoke.indicatorStop);
  },
  pause: async (paused) => {
    await ipcRenderer.invoke(Invoke.indicatorPause, paused === true);
  },
};

contextBridge.exposeInMainWorld(INDICATOR_API_GLOBAL, api);
