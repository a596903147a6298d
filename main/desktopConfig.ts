import type { DesktopConfig } from '../preload/contract/desktopApi';
import type { AppConfig } from './config';

/** What the customer page learns about the app: where to connect, its name, language, system. */
export function desktopConfigFor(config: AppConfig, locale: string, platform: NodeJS.Platform): DesktopConfig {
  return {
    serverUrl: config.serverUrl,
    productName: config.productName,
    locale,
    platform: platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other',
  };
}
