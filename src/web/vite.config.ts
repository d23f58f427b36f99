// Builds the analyst page (`vite build src/web`, run by `npm run build`) into dist/web, which the
// API serves at `/` (src/api/analyst-page.ts). Everything is bundled: no CDN, works offline, and
// no inline script, so the API's Content-Security-Policy (script-src 'self') holds.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Inlined assets would be data: URLs; keep every asset a same-origin file.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
});
