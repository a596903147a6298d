import { refuseUnsupportedNode } from './nodeVersionGuard';

// dist/server/webhooks.js: checks Node first, then loads the webhooks CLI bundle.
refuseUnsupportedNode();
await import(new URL('./webhooks-cli.js', import.meta.url).href);
