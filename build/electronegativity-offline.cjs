// Loaded with `node --require` before electronegativity: its only network use is fetching
// translations with `got` at start-up, which on this offline machine times out and, on Node 24,
// crashes inside got's cancel handling. Answer that fetch at once with "offline" instead; the
// tool then uses its bundled English texts, as it does whenever the fetch fails.
const Module = require('node:module');
const load = Module._load;
Module._load = function loadWithoutNetwork(request, parent, isMain) {
  if (request === 'got') return () => Promise.reject(new Error('offline: electronegativity runs without network'));
  return load.call(this, request, parent, isMain);
};
