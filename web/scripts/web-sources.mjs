#!/usr/bin/env node
// Whether web/dist is the build of today's sources. The build (web/vite.config.ts) writes a
// hash of its inputs to web/dist/.sources-hash; `npm start` runs this script and rebuilds only
// when the hash differs, so a restart does not pay a 20–60 s build for nothing.
// Exit code 0: up to date, or SKIP_WEB_BUILD says to serve it as it is; 1: stale or never built.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the build records the hash of the sources it was made from (a dotfile: never served). */
export const STAMP = join('web', 'dist', '.sources-hash');

/**
 * Everything the built app depends on, relative to the repository. web/public/dsfr is left
 * out: the build copies it from node_modules, which package-lock.json already stands for.
 */
const INPUTS = ['web/src', 'web/public', 'web/scripts', 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'tsconfig.json', 'package-lock.json'];
const SKIPPED = [join('web', 'public', 'dsfr')];

/** @param {string} root @param {string} at @param {string[]} out */
function collect(root, at, out) {
  const full = join(root, at);
  if (!existsSync(full) || SKIPPED.includes(at)) return;
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) collect(root, join(at, name), out);
  } else out.push(at);
}

/** A hash of the web app's source files: their paths and contents. @param {string} [root] */
export function sourcesHash(root = repoDir) {
  /** @type {string[]} */
  const files = [];
  for (const input of INPUTS) collect(root, input.split('/').join(sep), files);
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${relative(root, join(root, file)).split(sep).join('/')}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when web/dist holds a complete build of the current sources. @param {string} [root] */
export function webBuildIsFresh(root = repoDir) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp) || !existsSync(join(root, 'web', 'dist', 'index.html'))) return false;
  return readFileSync(stamp, 'utf8').trim() === sourcesHash(root);
}

const YES = ['true', '1', 'yes', 'on'];
const NO = ['false', '0', 'no', 'off', ''];

/**
 * What SKIP_WEB_BUILD asks, read as the server reads its other yes-or-no variables (src/config.ts):
 * true/1/yes/on or false/0/no/off in any case; `undefined` for anything else.
 * @param {string | undefined} value
 */
export function skipsWebBuild(value) {
  const v = (value ?? '').trim().toLowerCase();
  return YES.includes(v) ? true : NO.includes(v) ? false : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const skip = skipsWebBuild(process.env.SKIP_WEB_BUILD);
  // `true` only, in the start script's shell test, let « TRUE » or « 1 » rebuild without a word.
  if (skip === undefined)
    console.error(
      `SKIP_WEB_BUILD=${process.env.SKIP_WEB_BUILD} : valeur non reconnue (true/1/yes/on ou false/0/no/off), l’application web est reconstruite si ses sources ont changé.`,
    );
  process.exit(skip || webBuildIsFresh() ? 0 : 1);
}
