#!/usr/bin/env node
// Copies the DSFR favicons from @codegouvfr/react-dsfr into web/public/dsfr (git-ignored).
// The rest of the DSFR (CSS, fonts, icons, JS) is bundled by Vite from
// `@codegouvfr/react-dsfr/main.css` and `startReactDsfr`, so copying the whole 87 MB
// `dsfr/` folder (what `react-dsfr copy-static-assets` does) is not needed.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {string} the `dsfr/` folder shipped inside @codegouvfr/react-dsfr */
function dsfrSourceDir() {
  const require = createRequire(join(webDir, 'package.json'));
  const pkg = require.resolve('@codegouvfr/react-dsfr/package.json');
  return join(dirname(pkg), 'dsfr');
}

/**
 * @param {string} [publicDir] where index.html expects `/dsfr/...`; defaults to web/public
 */
export function copyDsfrAssets(publicDir = join(webDir, 'public')) {
  const from = join(dsfrSourceDir(), 'favicon');
  const to = join(publicDir, 'dsfr', 'favicon');
  if (!existsSync(from)) throw new Error(`DSFR favicons not found in ${from}`);
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  copyDsfrAssets();
  console.log('DSFR favicons copied to web/public/dsfr/favicon');
}
