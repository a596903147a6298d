import { refuseUnsupportedNode } from './nodeVersionGuard';

// dist/server/tokens.js: checks Node first, then loads the tokens CLI bundle.
refuseUnsupportedNode();
await import(new URL('./tokens-cli.js', import.meta.url).href);
