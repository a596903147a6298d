/** Where the overlay preload puts its API; a module of its own so the page bundle stays free of zod. */
export const OVERLAY_API_GLOBAL = 'screenShareOverlay';
