/**
 * Bundles the Electron customer app into dist/app/ (what electron-builder packages):
 *   main.cjs               main process (everything bundled but `electron`)
 *   preload.cjs            customer window preload (sandboxed: one self-contained CommonJS file)
 *   indicator-preload.cjs  indicator window preload
 *   renderer/              the customer page (renderer/customer, same code as the web page) + its static files
 *   indicator/             the "you are sharing" indicator page
 *   overlay-preload.cjs    pointer overlay window preload
 *   overlay/               the pointer overlay page (the agent's marks over the shared screen)
 *   app-config.json, package.json  from main/app-config.json, or from a brand (build/dist.ts)
 *   renderer/brand-logo.png, icon.png  the brand's logo (the neutral one without a brand)
 *
 *   npx tsx build/app-bundle.ts              build
 *   npx tsx build/app-bundle.ts --production minified, for packaging
 *   npx tsx build/app-bundle.ts --launch [-- --server <url>]   build, then start Electron
 */
import { build, type BuildOptions } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfigFile } from '../main/config';
import { loadBrandDir, type LoadedBrand } from '../branding/loadBrand';
import { appConfigFromBrand, slugOf } from './brand/appRuntimeConfig';
import { renderLogo } from './brand/icons';
import { browser } from './bundle';
import { copyPageStatic, copySharedStatic } from './pageStatic';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts: string[]) => path.join(root, ...parts);
const out = at('dist/app');
const production = process.env.NODE_ENV === 'production' || process.argv.includes('--production');

/** Electron 41 runs Node 22 and Chromium 146. */
const electronMain: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  minify: production,
  external: ['electron'],
  logLevel: 'warning',
};

/** Sandboxed preloads may only require('electron'): bundle zod and our modules into them. */
const preload: BuildOptions = {
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome130',
  sourcemap: true,
  minify: production,
  external: ['electron'],
  logLevel: 'warning',
};

async function appPackageJson(brand: LoadedBrand['brand'] | undefined): Promise<string> {
  const rootPackage = JSON.parse(await readFile(at('package.json'), 'utf8')) as Record<string, unknown>;
  const productName = brand?.productName ?? 'Screen Share';
  return JSON.stringify(
    {
      name: brand ? slugOf(brand.productName) : 'support-screenshare-app',
      productName,
      version: rootPackage.version,
      description: 'Share your screen with a support agent, view-only, after you typed their security key.',
      license: rootPackage.license,
      author: { name: brand?.publisher ?? 'Support Screen Share contributors' },
      main: 'main.cjs',
    },
    null,
    2,
  );
}

async function appConfigJson(brand: LoadedBrand['brand'] | undefined): Promise<string> {
  const config: AppConfigFile = brand
    ? appConfigFromBrand(brand)
    : (JSON.parse(await readFile(at('main/app-config.json'), 'utf8')) as AppConfigFile);
  return JSON.stringify(config, null, 2) + '\n';
}

export interface AppBundleOptions {
  /** Brand the app is packaged for; without one: main/app-config.json and the neutral logo. */
  brand?: LoadedBrand;
  /** Where to put the app (default dist/app; `npm run dist` uses dist/brand/<id>/app). */
  outDir?: string;
  /** Minified, for packaging (default: --production or NODE_ENV=production). */
  production?: boolean;
}

export async function bundleApp({ brand, production: minify = production, outDir = out }: AppBundleOptions = {}): Promise<void> {
  const to = (...parts: string[]) => path.join(outDir, ...parts);
  const logo = (brand ?? loadBrandDir(at('build/brands/default'))).logo;
  if (!existsSync(at('renderer/customer/main.ts'))) {
    throw new Error('renderer/customer/main.ts does not exist yet: the customer page is needed for the app.');
  }
  await rm(outDir, { recursive: true, force: true });
  await mkdir(to('renderer'), { recursive: true });
  await mkdir(to('indicator'), { recursive: true });
  await mkdir(to('overlay'), { recursive: true });
  await Promise.all([
    build({ ...electronMain, minify, entryPoints: { main: at('main/index.ts') }, outdir: outDir, outExtension: { '.js': '.cjs' } }),
    build({
      ...preload,
      minify,
      entryPoints: { preload: at('preload/index.ts'), 'indicator-preload': at('preload/indicator.ts'), 'overlay-preload': at('preload/overlay.ts') },
      outdir: outDir,
      outExtension: { '.js': '.cjs' },
    }),
    build({ ...browser, entryPoints: { customer: at('renderer/customer/main.ts') }, outdir: to('renderer') }),
    build({ ...browser, inject: [], entryPoints: { indicator: at('main/indicatorPage/indicator.ts') }, outdir: to('indicator') }),
    copyPageStatic(root, at('renderer/customer/static'), to('renderer')),
    copySharedStatic(root, to('renderer')),
    cp(at('main/indicatorPage/indicator.html'), to('indicator/indicator.html')),
    cp(at('main/indicatorPage/indicator.css'), to('indicator/indicator.css')),
    build({ ...browser, inject: [], entryPoints: { overlay: at('main/overlayPage/overlay.ts') }, outdir: to('overlay') }),
    cp(at('main/overlayPage/overlay.html'), to('overlay/overlay.html')),
    cp(at('main/overlayPage/overlay.css'), to('overlay/overlay.css')),
    appConfigJson(brand?.brand).then((json) => writeFile(to('app-config.json'), json)),
    appPackageJson(brand?.brand).then((json) => writeFile(to('package.json'), json + '\n')),
    // The page may load images only from the app itself; the window icon matters on Linux.
    renderLogo(logo, 128).then((png) => writeFile(to('renderer/brand-logo.png'), png)),
    renderLogo(logo, 256).then((png) => writeFile(to('icon.png'), png)),
  ]);
}

const NO_BINARY = `
The Electron binary is not installed, so the app cannot start here.

  - On a machine with internet access, run \`npm ci\`: the electron package downloads its
    binary during installation, then \`npm run app\` starts the app.
  - This checkout was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (no download possible):
    the package then only brings its TypeScript definitions. To fetch the binary later, run
    \`node node_modules/electron/install.js\` with internet access.

The app was built into dist/app/ all the same.
`;

/** Path of the Electron executable, or undefined when the package has no binary. */
export function electronBinary(): string | undefined {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function launch(args: string[]): void {
  const binary = electronBinary();
  if (!binary) {
    console.error(NO_BINARY);
    process.exit(1);
  }
  const child = spawn(binary, [path.join(out, 'main.cjs'), ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const launching = argv.includes('--launch');
  const appArgs = argv.filter((arg) => arg !== '--launch' && arg !== '--production');
  try {
    await bundleApp();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  console.log('built the desktop app into dist/app/');
  if (launching) launch(appArgs);
}
