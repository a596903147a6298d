import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Packaging needs the Electron runtime of the exact version the app was built against, for the
 * platform being packaged. electron-builder downloads it as a zip, which is impossible on a
 * machine without internet access: this finds it locally or says exactly what is missing.
 */
export interface ElectronTarget {
  readonly version: string;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
}

export type ElectronSource =
  | { readonly kind: 'unpacked'; readonly dir: string; readonly from: 'ELECTRON_DIST' | 'electron package' }
  | { readonly kind: 'cached-zip'; readonly zip: string }
  | { readonly kind: 'missing'; readonly message: string };

export const ELECTRON_DIST_ENV = 'ELECTRON_DIST';

/** The executable inside an unpacked Electron for each platform. */
export function electronExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app';
  return platform === 'win32' ? 'electron.exe' : 'electron';
}

export function electronZipName({ version, platform, arch }: ElectronTarget): string {
  return `electron-v${version}-${platform}-${arch}.zip`;
}

/** Where electron-builder (through @electron/get) keeps downloaded zips. */
export function electronCacheDirs(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string[] {
  const home = homedir();
  const dirs = [env.ELECTRON_CACHE, env.electron_config_cache];
  if (platform === 'darwin') dirs.push(path.join(home, 'Library/Caches/electron'));
  else if (platform === 'win32') dirs.push(path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData/Local'), 'electron/Cache'));
  else dirs.push(path.join(env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'electron'));
  return dirs.filter((dir): dir is string => !!dir);
}

function findZip(dir: string, name: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  if (existsSync(path.join(dir, name))) return path.join(dir, name);
  // @electron/get keeps each download in a sub-folder named after a hash of its URL.
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(path.join(dir, entry.name, name))) return path.join(dir, entry.name, name);
  }
  return undefined;
}

export interface AvailabilityInputs {
  readonly target: ElectronTarget;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** node_modules/electron/dist: filled by the electron package's install script when it could download. */
  readonly packageDistDir: string;
}

export function findElectron({ target, env, packageDistDir }: AvailabilityInputs): ElectronSource {
  const executable = electronExecutable(target.platform);
  const zipName = electronZipName(target);
  const given = env[ELECTRON_DIST_ENV];
  if (given) {
    const dir = path.resolve(given);
    if (existsSync(path.join(dir, executable))) return { kind: 'unpacked', dir, from: 'ELECTRON_DIST' };
    return { kind: 'missing', message: missingMessage(target, `${ELECTRON_DIST_ENV}=${given} does not contain ${executable}.`) };
  }
  if (existsSync(path.join(packageDistDir, executable))) return { kind: 'unpacked', dir: packageDistDir, from: 'electron package' };
  for (const dir of electronCacheDirs(env, target.platform)) {
    const zip = findZip(dir, zipName);
    if (zip) return { kind: 'cached-zip', zip };
  }
  const looked = [`${packageDistDir} (empty: installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)`, ...electronCacheDirs(env, target.platform)];
  return { kind: 'missing', message: missingMessage(target, `Looked in:\n${looked.map((dir) => `    ${dir}`).join('\n')}`) };
}

function missingMessage(target: ElectronTarget, detail: string): string {
  const zip = electronZipName(target);
  return `
Cannot build the installers: Electron ${target.version} for ${target.platform}-${target.arch} is missing.

electron-builder packages the app into the Electron runtime ${zip}, which it downloads
from the internet; this machine cannot. ${detail}

Provide it in one of these ways, then run the same command again:
  1. An unpacked Electron ${target.version} (the folder that contains ${electronExecutable(target.platform)}):
       ${ELECTRON_DIST_ENV}=/path/to/electron-v${target.version}-${target.platform}-${target.arch} npm run dist -- --brand <dir>
     (passed to electron-builder as its \`electronDist\` option).
  2. Or the zip itself, ${zip}, copied into ELECTRON_CACHE (or ~/.cache/electron).
  3. Or, with internet access: \`node node_modules/electron/install.js\` fills node_modules/electron/dist.

Everything before packaging is done: the bundled app, its runtime config, the icons and the
generated electron-builder configuration (see above).
`;
}
