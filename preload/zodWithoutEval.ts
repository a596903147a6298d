import { z } from 'zod';

/**
 * Imported first by each preload. zod compiles fast parsers with new Function() unless told not
 * to, and decides that when a schema is created. A preload runs before the page's CSP (which
 * forbids eval) is known, so zod would think eval works and then fail on the first parse.
 */
z.config({ jitless: true });
