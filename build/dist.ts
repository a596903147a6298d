/**
 * Branded installers for the host platform:
 *
 *   npm run dist -- --brand build/brands/<id>           validate, generate, build installers
 *   npm run dist -- --brand build/brands/<id> --config-only   stop after generating
 *   npm run dist -- --brand build/brands/<id> --dir     unpacked app only (quick check)
 *
 * Steps: check brand.json and the logo (every mistake named by field) → bundle the app with the
 * brand's runtime config (dist/brand/<id>/app) → icons for every platform from the logo → electron-builder
 * configuration (dist/brand/<id>/electron-builder.json, checked by electron-builder) → find Electron (ELECTRON_DIST, the
 * electron package, or electron-builder's download cache; stops with what is missing) → build.
 */
import { createRequire } from 'node:module';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrandError } from '../branding/brandSchema';
import { loadBrandDir } from '../branding/loadBrand';
import { bundleApp } from './app-bundle';
import { brandBuildPaths, builderConfigFor } from './brand/builderConfig';
import { findElectron, ELECTRON_DIST_ENV } from './brand/electronAvailability';
import { makeIcons } from './brand/icons';
import { validateBuilderConfig } from './brand/validateBuilderConfig';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts: string[]) => path.join(root, ...parts);
const relative = (file: string) => path.relative(root, file) || '.';

interface DistArgs {
  brandDir: string;
  configOnly: boolean;
  dirOnly: boolean;
}

export function parseDistArgs(argv: readonly string[]): DistArgs {
  let brandDir = 'build/brands/default';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--brand') brandDir = argv[++i] ?? '';
    else if (arg.startsWith('--brand=')) brandDir = arg.slice('--brand='.length);
    else if (arg !== '--config-only' && arg !== '--dir') throw new Error(`unknown option ${arg}`);
  }
  if (!brandDir) throw new Error('--brand needs a folder, e.g. --brand build/brands/acme');
  return { brandDir, configOnly: argv.includes('--config-only'), dirOnly: argv.includes('--dir') };
}

function electronVersion(): string {
  const pkg = createRequire(import.meta.url)('electron/package.json') as { version: string };
  return pkg.version;
}

async function dist({ brandDir, configOnly, dirOnly }: DistArgs): Promise<number> {
  const loaded = loadBrandDir(path.resolve(root, brandDir));
  const { brand } = loaded;
  const id = path.basename(loaded.dir);
  console.log(`brand ${relative(loaded.dir)}: "${brand.productName}" (${brand.appId}), valid`);

  const paths = brandBuildPaths(id);
  await rm(at('dist/brand', id), { recursive: true, force: true });
  await bundleApp({ brand: loaded, production: true, outDir: at(paths.appDir) });
  console.log(`bundled the app into ${paths.appDir}/ (app-config.json for ${brand.defaultServerUrl})`);

  const resourcesDir = at(paths.resourcesDir);
  const icons = await makeIcons(loaded.logo, path.join(resourcesDir, 'icons'));
  console.log(`icons: ${relative(icons.pngDir)}/{16..1024}.png, ${relative(icons.ico)}, ${relative(icons.icns)}`);

  const target = { version: electronVersion(), platform: process.platform, arch: process.arch };
  const electronPackageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const electron = findElectron({ target, env: process.env, packageDistDir: path.join(electronPackageDir, 'dist') });
  const config = builderConfigFor(brand, paths, {
    electronVersion: target.version,
    electronDist: electron.kind === 'unpacked' ? electron.dir : undefined,
  });
  await mkdir(resourcesDir, { recursive: true });
  const configFile = at('dist/brand', id, 'electron-builder.json');
  await writeFile(configFile, JSON.stringify(config, null, 2) + '\n');
  await validateBuilderConfig(config);
  console.log(`electron-builder configuration: ${relative(configFile)} (checked by electron-builder's validator)`);
  if (configOnly) return 0;

  if (electron.kind === 'missing') {
    console.error(electron.message);
    return 3;
  }
  console.log(electron.kind === 'unpacked' ? `Electron ${target.version}: ${electron.dir} (${electron.from})` : `Electron ${target.version}: ${electron.zip}`);
  if (electron.kind === 'cached-zip') delete process.env[ELECTRON_DIST_ENV];

  const { build, Platform } = await import('electron-builder');
  const host = Platform.current();
  const artifacts = await build({
    projectDir: root,
    config,
    targets: dirOnly ? host.createTarget(['dir']) : host.createTarget(),
    publish: 'never',
  });
  console.log(`installers for ${host.name}:\n${artifacts.map((file) => `  ${relative(file)}`).join('\n')}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    process.exitCode = await dist(parseDistArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(error instanceof BrandError ? error.message : error instanceof Error ? error.stack ?? error.message : error);
    process.exitCode = 1;
  }
}
