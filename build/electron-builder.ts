/**
 * electron-builder configuration of the desktop app (`npm run dist`, after `npm run build:app`).
 * It packages dist/app only (its own package.json without dependencies: everything is bundled),
 * so nothing of the server or node_modules ends up in the app. The product name and the link
 * scheme come from main/app-config.json, the same file the app reads at runtime.
 *
 *   npx electron-builder --config build/electron-builder.ts [--linux|--mac|--win]
 *
 * A build for Playwright's _electron specs against the packaged app needs the inspector:
 *   npx electron-builder --config build/electron-builder.ts -c.electronFuses.enableNodeCliInspectArguments=true
 */
import type { Configuration } from 'electron-builder';
import { readFileSync } from 'node:fs';
import { AppConfigFile } from '../main/config';

const appConfig = AppConfigFile.parse(JSON.parse(readFileSync(new URL('../main/app-config.json', import.meta.url), 'utf8')));

const screenCaptureReason =
  `${appConfig.productName} shows your screen to a support agent, only after you entered their security key and agreed. ` +
  `${appConfig.productName} zeigt Ihren Bildschirm einer Support-Person, erst nachdem Sie deren Sicherheitsschlüssel eingegeben und zugestimmt haben.`;

const config: Configuration = {
  appId: 'org.supportscreenshare.desktop',
  productName: appConfig.productName,
  directories: { app: 'dist/app', output: 'dist/installers' },
  files: ['**/*', '!**/*.map'],
  asar: true,
  // The bundle has no dependencies to install or rebuild.
  npmRebuild: false,
  nodeGypRebuild: false,
  protocols: [{ name: `${appConfig.productName} link`, schemes: [appConfig.deepLinkScheme], role: 'Viewer' }],
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // Pages come from app://, never file://.
    grantFileProtocolExtraPrivileges: false,
  },
  mac: {
    category: 'public.app-category.utilities',
    target: ['dmg', 'zip'],
    hardenedRuntime: true,
    extendInfo: { NSScreenCaptureUsageDescription: screenCaptureReason },
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: true, perMachine: false },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network',
    maintainer: 'Support Screen Share contributors',
    synopsis: 'Share your screen with a support agent, view-only',
  },
};

export default config;
