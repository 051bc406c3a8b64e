import { defineConfig } from 'vite';

// The page is served from the jar: relative asset paths, no CDN, no inline scripts (the CSP forbids them).
export default defineConfig({
  base: './',
  build: {
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    // Two pages: the studio (index.html) and the live page (live.html, its own entry and scripts).
    rollupOptions: { input: { main: 'index.html', live: 'live.html' } },
  },
});
