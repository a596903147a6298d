import type { Configuration } from 'electron-builder';
import type { Brand } from '../../branding/brandSchema';
import { slugOf } from './appRuntimeConfig';

/**
 * The electron-builder configuration of a branded app, generated from its brand.json. It packages
 * dist/app only (everything bundled, no node_modules), inside an asar archive with integrity
 * checks, with the security fuses of issue 3.
 */
export interface BuilderPaths {
  /** The bundled app (build/app-bundle.ts). */
  readonly appDir: string;
  /** Where the installers go. */
  readonly outputDir: string;
  /** Generated icons (build/brand/icons.ts) and other build resources of this brand. */
  readonly resourcesDir: string;
  readonly icons: { readonly ico: string; readonly icns: string; readonly pngDir: string };
}

export interface BuilderOptions {
  readonly electronVersion: string;
  /** Unpacked Electron of electronVersion (ELECTRON_DIST); unset = electron-builder downloads the zip. */
  readonly electronDist?: string | undefined;
  /** Only for Playwright's _electron specs against a packaged build. */
  readonly allowInspector?: boolean;
}

export const SECURITY_FUSES = Object.freeze({
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // Pages come from app://, never file://.
  grantFileProtocolExtraPrivileges: false,
});

export function screenCaptureReason(productName: string): string {
  // Info.plist holds one string: both languages, each a whole sentence of its own.
  return (
    `${productName} shows your screen to a support agent, only after you entered their security key and agreed. ` +
    `${productName} zeigt Ihren Bildschirm einer Support-Person, erst nachdem Sie deren Sicherheitsschlüssel eingegeben und zugestimmt haben.`
  );
}

export function builderConfigFor(brand: Brand, paths: BuilderPaths, options: BuilderOptions): Configuration {
  const slug = slugOf(brand.productName);
  return {
    appId: brand.appId,
    productName: brand.productName,
    copyright: `Copyright © ${brand.publisher}`,
    electronVersion: options.electronVersion,
    ...(options.electronDist ? { electronDist: options.electronDist } : {}),
    directories: { app: paths.appDir, output: paths.outputDir, buildResources: paths.resourcesDir },
    files: ['**/*', '!**/*.map'],
    asar: true,
    // The bundle has no dependencies to install or rebuild.
    npmRebuild: false,
    nodeGypRebuild: false,
    protocols: [{ name: `${brand.productName} link`, schemes: [brand.deepLinkScheme], role: 'Viewer' }],
    electronFuses: { ...SECURITY_FUSES, enableNodeCliInspectArguments: options.allowInspector === true },
    // electron-updater reads the feed from app-update.yml, written from this; no feed, no updates.
    publish: brand.updateFeedUrl ? [{ provider: 'generic', url: brand.updateFeedUrl }] : null,
    mac: {
      icon: paths.icons.icns,
      category: 'public.app-category.utilities',
      // zip: what electron-updater installs on macOS (Squirrel.Mac checks its code signature).
      target: ['dmg', 'pkg', 'zip'],
      hardenedRuntime: true,
      extendInfo: { NSScreenCaptureUsageDescription: screenCaptureReason(brand.productName) },
    },
    dmg: { title: brand.productName },
    pkg: { installLocation: '/Applications', allowAnywhere: false, allowCurrentUserHome: false, isRelocatable: false },
    win: {
      icon: paths.icons.ico,
      // NSIS for people and auto-update; MSI for IT departments deploying to many machines.
      target: ['nsis', 'msi'],
      executableName: slug,
      // Updates are installed only when signed by exactly this publisher.
      verifyUpdateCodeSignature: true,
      signtoolOptions: { publisherName: [brand.publisher] },
    },
    nsis: { oneClick: true, perMachine: false, shortcutName: brand.productName, uninstallDisplayName: brand.productName },
    msi: { oneClick: true, perMachine: true, shortcutName: brand.productName },
    linux: {
      icon: paths.icons.pngDir,
      target: ['AppImage', 'deb'],
      category: 'Network',
      executableName: slug,
      maintainer: brand.publisher,
      vendor: brand.publisher,
      synopsis: 'Share your screen with a support agent, view-only',
    },
    deb: { packageName: slug },
  };
}

/** Where `npm run dist -- --brand build/brands/<id>` puts things, relative to the repository. */
export function brandBuildPaths(id: string): BuilderPaths {
  const resourcesDir = `dist/brand/${id}/resources`;
  return {
    appDir: `dist/brand/${id}/app`,
    outputDir: `dist/installers/${id}`,
    resourcesDir,
    icons: { ico: `${resourcesDir}/icons/icon.ico`, icns: `${resourcesDir}/icons/icon.icns`, pngDir: `${resourcesDir}/icons/png` },
  };
}
