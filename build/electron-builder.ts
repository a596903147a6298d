/**
 * electron-builder configuration of the neutral default brand (build/brands/default). Branded
 * installers are built with `npm run dist -- --brand build/brands/<id>` (build/dist.ts), which
 * generates this same configuration for any brand, with its app bundle and icons, into dist/brand/<id>/.
 *
 * After `npm run build:app` and `npm run dist -- --config-only` (icons), this file also works directly:
 *   npx electron-builder --config build/electron-builder.ts [--linux|--mac|--win]
 * A build for Playwright's _electron specs against the packaged app needs the inspector:
 *   npx electron-builder --config build/electron-builder.ts -c.electronFuses.enableNodeCliInspectArguments=true
 */
import type { Configuration } from 'electron-builder';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadBrandDir } from '../branding/loadBrand';
import { brandBuildPaths, builderConfigFor } from './brand/builderConfig';

const { brand } = loadBrandDir(fileURLToPath(new URL('brands/default', import.meta.url)));
const electronVersion = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;

// The app as `npm run build:app` bundles it (dist/app), with the default brand's icons.
const config: Configuration = builderConfigFor(brand, { ...brandBuildPaths('default'), appDir: 'dist/app' }, { electronVersion });

export default config;
