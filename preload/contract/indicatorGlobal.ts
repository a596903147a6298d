/** Where the indicator preload puts its API; a module of its own so the page bundle stays free of zod. */
export const INDICATOR_API_GLOBAL = 'screenShareIndicator';
