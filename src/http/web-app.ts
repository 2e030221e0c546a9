import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { App } from './app.js';
import { sendProblem } from './problem.js';

/**
 * Vite names what it bundles `<name>-<8-character content hash>.<ext>` under /assets/:
 * such a file never changes under its name, so browsers may keep it for good.
 */
const HASHED = /^[^/\\]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;
const FOREVER = 'public, max-age=31536000, immutable';
/** index.html and unhashed files (favicons): kept, but checked again (ETag) before each use. */
const REVALIDATE = 'no-cache';

/** The file name a request resolves to, its pre-compressed suffix (.br, .gz) taken off. */
function servedName(file: string) {
  return path.basename(file).replace(/\.(br|gz)$/, '');
}

function cacheFor(webDist: string, file: string) {
  const inAssets = path.dirname(file) === path.join(webDist, 'assets');
  return inAssets && HASHED.test(servedName(file)) ? FOREVER : REVALIDATE;
}

/**
 * The built React app (web/dist) on every non-API path; client-side routes fall back to
 * index.html. Files go out as the build compressed them (`.br`, `.gz` beside each one, see
 * web/scripts/compress-assets.mjs) to browsers that accept it, with `Vary: Accept-Encoding`.
 */
export function serveWebApp(app: App, webDist: string) {
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb)
    app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      preCompressed: true,
      // The build's stamp (.sources-hash) is nobody's business.
      dotfiles: 'ignore',
      // The compressed copies are sent in place of their original, never under their own name.
      globIgnore: ['**/*.br', '**/*.gz'],
      setHeaders: (reply: FastifyReply, file: string) => {
        reply.header('cache-control', cacheFor(webDist, file));
      },
    });
  app.setNotFoundHandler((req, reply) => {
    // A missing built asset is a 404, not index.html: a stale page must fail visibly.
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.method !== 'GET' || !hasWeb) {
      return sendProblem(reply, { code: 'not_found', detail: "Cette adresse n'existe pas." });
    }
    return reply.sendFile('index.html');
  });
}
