// Environment-neutral: imported by the server, the customer renderer and the agent console.
// Nothing here may import Node or DOM APIs.
export * from './errors';
export * from './limits';
export * from './messages';
export * from './parse';
export * from './resume';
export * from './securityKey';
export * from './signal';
export * from './chat';
export * from './peerChannel';
export * from './receipt';
