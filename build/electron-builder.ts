/**
 * electron-builder configuration of the neutral default brand (build/brands/default). Branded
 * installers are built with `npm run dist -- --brand build/brands/<id>` (build/dist.ts), which
 * generates this same configuration for any brand, with its icons, into dist/brand/<id>/.
 *
 * After `npm run dist -- --config-only` (icons generated), this file also works directly:
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

const config: Configuration = builderConfigFor(brand, brandBuildPaths('default'), { electronVersion });

export default config;
