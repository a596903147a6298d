import { DESKTOP_API_GLOBAL, type DesktopApi } from '../../preload/desktopApi';

const METHODS: readonly (keyof DesktopApi)[] = [
  'getConfig',
  'listScreens',
  'chooseScreen',
  'setSharingState',
  'getScreenPermission',
  'openScreenPermissionSettings',
  'onStopRequested',
  'onDeepLink',
];

/** The Electron preload's API, or null on the plain web page. */
export function findDesktopApi(scope: object): DesktopApi | null {
  const candidate: unknown = Reflect.get(scope, DESKTOP_API_GLOBAL);
  if (typeof candidate !== 'object' || candidate === null) return null;
  const complete = METHODS.every((name) => typeof Reflect.get(candidate, name) === 'function');
  return complete ? (candidate as DesktopApi) : null;
}
