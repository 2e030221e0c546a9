import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's security headers on every response (pages, assets and API alike). Our policy
 * depends on the configuration only, never on the request, so helmet runs once at start and
 * its headers are replayed on every response: @fastify/helmet built the middleware anew for
 * every request, CSP parsing included, which cost the redemption hot path a tenth of its
 * throughput, and running the built middleware still cost a few percent of it.
 *
 * Strict-Transport-Security and the CSP's upgrade-insecure-requests only when the platform
 * is served over HTTPS (PUBLIC_URL):
 * sent over plain HTTP, it would make a browser refuse the platform on a host that has no
 * certificate (a test or a place's local install) for a year.
 *
 * Every API answer is `Cache-Control: no-store`: the session carries its CSRF token,
 * the printer file carries live codes, and neither may stay in a browser's or a proxy's
 * cache. Pages and assets keep the static server's own caching.
 */
export function securityHeaders(app: FastifyInstance, publicUrl: string, mapTileUrl?: string) {
  const https = publicUrl.startsWith('https:');
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        // DSFR's and swagger-ui's inline styles; scripts stay same-origin only.
        'style-src': ["'self'", "'unsafe-inline'"],
        // The directory's map tiles come from their server (MAP_TILE_URL).
        'img-src': ["'self'", 'data:', ...tileSource(mapTileUrl)],
        // Like HSTS, only over HTTPS: over plain HTTP on another host than localhost the
        // browser would ask for the web app's own files over https, and the page stays blank.
        'upgrade-insecure-requests': https ? [] : null,
      },
    },
    strictTransportSecurity: https ? undefined : false,
  });
  const headers = headersSetBy(apply);
  const apiHeaders = { ...headers, 'cache-control': 'no-store' };
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(req.url.startsWith('/api/') ? apiHeaders : headers);
    done();
  });
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The headers a middleware sets on a response, run once against a recording one. */
function headersSetBy(middleware: Middleware): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = String(value);
    },
    // X-Powered-By, which Fastify never sets.
    removeHeader() {},
  };
  let ended: { error: unknown } | undefined;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    ended = { error };
  });
  // A middleware that answered later, or failed, would leave the headers incomplete.
  if (!ended) throw new Error('the security headers middleware did not finish at once');
  if (ended.error) throw ended.error;
  return headers;
}

/** The CSP source of a tile URL template: its origin, `{s}` subdomains as a wildcard. */
export function tileSource(template: string | undefined): string[] {
  const origin = template?.match(/^https?:\/\/[^/]+/)?.[0];
  if (!origin) return [];
  return [origin.replace(/\{s\}/g, '*').replace(/[{}]/g, '')];
}
