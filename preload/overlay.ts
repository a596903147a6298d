import './zodWithoutEval';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { Push } from './contract/channels';
import { OVERLAY_API_GLOBAL, OverlayMarks, type OverlayApi } from './contract/overlayApi';

/** The pointer overlay window's preload: only the marks to draw, validated; the page can send nothing. */
const api: OverlayApi = {
  onMarks: (listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => {
      const marks = OverlayMarks.safeParse(payload);
      if (marks.success) listener(marks.data);
    };
    ipcRenderer.on(Push.overlayMarks, wrapped);
    return () => {
      ipcRenderer.removeListener(Push.overlayMarks, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld(OVERLAY_API_GLOBAL, api);
