import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** DIST_DIR: the build to measure (default dist/), as for the e2e tests. */
export const distDir = path.resolve(repoRoot, process.env.DIST_DIR ?? 'dist');
export const serverEntry = path.join(distDir, 'server/main.js');
