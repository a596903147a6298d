import { DESKTOP_API_GLOBAL, DESKTOP_API_METHODS, type DesktopApi } from '../../../preload/contract/desktopApi';

/** The Electron preload's API, or null on the plain web page. */
export function findDesktopApi(scope: object): DesktopApi | null {
  const candidate: unknown = Reflect.get(scope, DESKTOP_API_GLOBAL);
  if (typeof candidate !== 'object' || candidate === null) return null;
  const complete = DESKTOP_API_METHODS.every((name) => typeof Reflect.get(candidate, name) === 'function');
  return complete ? (candidate as DesktopApi) : null;
}
