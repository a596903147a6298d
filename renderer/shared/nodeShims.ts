// simple-peer (through readable-stream) expects Node's Buffer and process globals; esbuild
// injects this file into browser bundles so they exist without polluting our own modules.
import { Buffer } from 'buffer';

export const process = {
  env: {},
  browser: true,
  version: '',
  nextTick: (fn: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)),
};
export { Buffer };
