/**
 * Which folder may import which (docs/architecture.md, "Who may import whom"), checked by
 * dependency-cruiser in `npm run lint`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const PAGES = '(customer|agent-console|chat-page|chat-widget)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules form no import cycles (a cycle made only of `import type` vanishes at run time and is allowed).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'protocol-is-environment-neutral',
      comment: 'signaling/protocol is imported by the server and by every page: nothing but zod and itself.',
      severity: 'error',
      from: { path: '^signaling/protocol/' },
      to: { pathNot: ['^signaling/protocol/', '^node_modules/zod/'] },
    },
    {
      name: 'server-is-not-a-page',
      comment: 'The server imports neither the pages nor the desktop app.',
      severity: 'error',
      from: { path: '^signaling/server/' },
      to: { path: '^(renderer|main|preload)/' },
    },
    {
      name: 'server-domains-not-through-the-socket',
      comment:
        'Sessions, chat, the cluster and the rest of the server share the handler context, the connection and the router ' +
        'through signaling/server/context/; only the composition root (app.ts) and ws/ itself reach into ws/.',
      severity: 'error',
      from: { path: '^signaling/server/', pathNot: ['^signaling/server/ws/', '^signaling/server/app\\.ts$'] },
      to: { path: '^signaling/server/ws/' },
    },
    {
      name: 'server-context-stands-alone',
      comment: 'signaling/server/context/ is what the server domains share: it imports none of the socket code.',
      severity: 'error',
      from: { path: '^signaling/server/context/' },
      to: { path: '^signaling/server/ws/' },
    },
    {
      name: 'pages-never-import-the-server',
      comment: 'The pages talk to the server only through signaling/protocol messages.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^signaling/server/' },
    },
    {
      name: 'main-never-imports-renderer',
      comment: 'The main process shares only the desktop contract with the page.',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: '^renderer/' },
    },
    {
      name: 'only-the-contract-of-preload',
      comment: 'main/ and the pages use preload/contract/ (types, schemas, channel names), never the bridges themselves.',
      severity: 'error',
      from: { path: '^(main|renderer)/' },
      to: { path: '^preload/', pathNot: '^preload/contract/' },
    },
    {
      name: 'contract-is-environment-neutral',
      comment: 'preload/contract/ is imported by main, the preloads and the page: no electron, no Node, nothing of theirs.',
      severity: 'error',
      from: { path: '^preload/contract/' },
      to: { pathNot: ['^preload/contract/', '^node_modules/zod/'] },
    },
    {
      name: 'pages-share-through-renderer-shared',
      comment:
        'A page uses another page only through renderer/shared/; the customer page offers renderer/customer/embed.ts ' +
        '(its share flow, which the chat page runs inline) and nothing else.',
      severity: 'error',
      from: { path: `^renderer/${PAGES}/` },
      to: { path: `^renderer/${PAGES}/`, pathNot: ['^renderer/$1/', '^renderer/customer/embed\\.ts$'] },
    },
    {
      name: 'shared-knows-no-page',
      comment: 'renderer/shared/ is used by the pages and uses none of them.',
      severity: 'error',
      from: { path: '^renderer/shared/' },
      to: { path: `^renderer/${PAGES}/` },
    },
    {
      name: 'product-code-never-imports-tests',
      severity: 'error',
      from: { path: '^(signaling|renderer|main|preload|branding|build)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|test-results|bench/results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
