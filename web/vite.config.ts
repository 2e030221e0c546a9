import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';
import { copyDsfrAssets } from './scripts/copy-dsfr-assets.mjs';

// Everything is relative to web/, whatever directory `vite` is run from
// (the lead runs `npx vite build --config web/vite.config.ts` from the repository root).
const webDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * The DSFR stylesheet, fonts and icons come bundled through `@codegouvfr/react-dsfr/main.css`;
 * only the favicons are referenced by absolute URL from index.html, so they must sit in
 * web/public/dsfr. Copying them here means a plain `vite` / `vite build` never serves a 404
 * favicon, even when nobody ran the `web/scripts` step first.
 */
function dsfrPublicAssets(): Plugin {
  return {
    name: 'pass-numerique:dsfr-public-assets',
    buildStart() {
      copyDsfrAssets();
    },
  };
}

// The API server in development; override with API_URL=http://localhost:4000 when 3000 is taken.
const api = { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false } };

export default defineConfig({
  root: webDir,
  base: '/',
  publicDir: 'public',
  plugins: [dsfrPublicAssets(), react()],
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // DSFR icons are many small SVGs referenced from CSS; keep them as files so the CSS stays small.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deployments.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'tanstack', test: /node_modules[\\/]@tanstack[\\/]/ },
            // The DSFR runtime (dsfr/dsfr.module.js) must stay a lazy chunk: startReactDsfr sets
            // window.dsfr's config *before* importing it; bundled eagerly it would run first and
            // the app would fail with "window.dsfr.start is not a function".
            {
              name: 'dsfr',
              test: (id: string) => /node_modules[\\/]@codegouvfr[\\/]/.test(id) && !/[\\/]dsfr[\\/]dsfr\.module/.test(id),
            },
          ],
        },
      },
    },
  },
});
