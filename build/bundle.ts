/**
 * Bundles every program with esbuild: the web pages (renderer/), the signaling server and the Electron
 * main/preload. `tsc --noEmit` type-checks; this only produces JavaScript into dist/.
 *   npx tsx build/bundle.ts
 * DIST_DIR=<folder inside the repository, so the server finds node_modules> builds the pages and the
 * server somewhere else than dist/ (keeps parallel test runs apart;
 * test/support/server.ts starts the server from the same place).
 */
import { build, type BuildOptions } from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { copyPageStatic, copySharedStatic } from './pageStatic';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts: string[]) => path.join(root, ...parts);
const production = process.env.NODE_ENV === 'production';
const distDir = path.resolve(root, process.env.DIST_DIR ?? 'dist');
const inDist = (...parts: string[]) => path.join(distDir, ...parts);

/** Browser bundles (every page here, and the app's renderer in app-bundle.ts): one set of options. */
export const browser: BuildOptions = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome110', 'firefox115', 'safari16'],
  sourcemap: true,
  minify: production,
  define: { global: 'globalThis' },
  inject: [at('renderer/shared/nodeShims.ts')],
  logLevel: 'warning',
};

const node: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
};

export async function bundleAll(): Promise<void> {
  await rm(distDir, { recursive: true, force: true });
  await mkdir(inDist('web'), { recursive: true });
  await Promise.all([
    build({ ...browser, entryPoints: { customer: at('renderer/customer/main.ts') }, outdir: inDist('web') }),
    build({ ...browser, entryPoints: { agent: at('renderer/agent-console/main.ts') }, outdir: inDist('web') }),
    build({ ...browser, entryPoints: { chat: at('renderer/chat-page/main.ts') }, outdir: inDist('web') }),
    // The widget runs on other sites: small, and without the Node shims the pages need for simple-peer.
    build({ ...browser, inject: [], minify: true, entryPoints: { 'chat-widget': at('renderer/chat-widget/widget.ts') }, outdir: inDist('web') }),
    build({
      ...node,
      format: 'esm',
      entryPoints: {
        // main.js and agents.js check the Node version, then load server.js / agents-cli.js.
        main: at('signaling/server/platform/launchServer.ts'),
        agents: at('signaling/server/platform/launchAgentsCli.ts'),
        server: at('signaling/server/main.ts'),
        'agents-cli': at('signaling/server/accounts/cli.ts'),
        tokens: at('signaling/server/platform/launchTokensCli.ts'),
        'tokens-cli': at('signaling/server/api/tokens/tokensCli.ts'),
        webhooks: at('signaling/server/platform/launchWebhooksCli.ts'),
        'webhooks-cli': at('signaling/server/webhooks/webhooksCli.ts'),
        audit: at('signaling/server/platform/launchAuditCli.ts'),
        'audit-cli': at('signaling/server/audit/cli.ts'),
        // The embedded database's thread (db/pgliteWorkerClient.ts starts it from beside itself).
        'pglite-worker': at('signaling/server/db/pgliteWorker.ts'),
      },
      outdir: inDist('server'),
    }),
    copyPageStatic(root, at('renderer/customer/static'), inDist('web')),
    copyPageStatic(root, at('renderer/agent-console/static'), inDist('web')),
    copyPageStatic(root, at('renderer/chat-page/static'), inDist('web')),
    copySharedStatic(root, inDist('web')),
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await bundleAll();
  console.log(`built into ${path.relative(root, distDir) || '.'}/`);
}
