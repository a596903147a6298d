import { refuseUnsupportedNode } from './nodeVersionGuard';

// dist/server/agents.js: checks Node first, then loads the accounts CLI bundle.
refuseUnsupportedNode();
await import(new URL('./agents-cli.js', import.meta.url).href);
