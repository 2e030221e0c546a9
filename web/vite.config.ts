import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';
import { compressAssets } from './scripts/compress-assets.mjs';
import { copyDsfrAssets } from './scripts/copy-dsfr-assets.mjs';
import { sourcesHash } from './scripts/web-sources.mjs';

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

/**
 * Once the build is written: a brotli and a gzip copy of every text file (the server sends
 * them as they are), then the hash of the sources it was built from, last, so that a build
 * that failed half-way is never taken for a fresh one by `npm start` (web/scripts/web-sources.mjs).
 */
function compressedBuild(): Plugin {
  let hash = '';
  return {
    name: 'pass-numerique:compressed-build',
    apply: 'build',
    buildStart() {
      // Taken before bundling: a source edited during the build makes the next start rebuild.
      hash = sourcesHash();
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      async handler(options) {
        const outDir = options.dir ?? join(webDir, 'dist');
        await compressAssets(outDir);
        writeFileSync(join(outDir, '.sources-hash'), `${hash}\n`);
      },
    },
  };
}

// The API server in development; override with API_URL=http://localhost:4000 when 3000 is taken.
const api = { '/api': { target: process.env.API_URL ?? 'http://localhost:3000', changeOrigin: false } };

export default defineConfig({
  root: webDir,
  base: '/',
  publicDir: 'public',
  plugins: [dsfrPublicAssets(), react(), compressedBuild()],
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // DSFR icons are many small SVGs referenced from CSS; keep them as files so the CSS stays small.
    assetsInlineLimit: 0,
    rolldownOptions: {
      // Rolldown warns when plugins take most of a build: here it is compressedBuild's brotli,
      // by design, and the yellow block at every `npm start` read as an error to operators.
      checks: { bundlerTimings: false },
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
