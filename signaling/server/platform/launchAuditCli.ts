import { refuseUnsupportedNode } from './nodeVersionGuard';

// dist/server/audit.js: checks Node first, then loads the audit CLI bundle.
refuseUnsupportedNode();
await import(new URL('./audit-cli.js', import.meta.url).href);
