import { refuseUnsupportedNode } from './nodeVersionGuard';

// dist/server/main.js: checks Node first, then loads the server bundle (whose dependencies would
// otherwise be loaded before any check could run).
refuseUnsupportedNode();
await import(new URL('./server.js', import.meta.url).href);
