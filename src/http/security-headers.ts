import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's security headers on every response (pages, assets and API alike). The
 * middleware is built once: @fastify/helmet built it anew, CSP parsing included, for
 * every request, which cost the redemption hot path a tenth of its throughput.
 *
 * Strict-Transport-Security only when the platform is served over HTTPS (PUBLIC_URL):
 * sent over plain HTTP, it would make a browser refuse the platform on a host that has no
 * certificate (a test or a place's local install) for a year.
 *
 * Every API answer is `Cache-Control: no-store`: the session carries its CSRF token,
 * the printer file carries live codes, and neither may stay in a browser's or a proxy's
 * cache. Pages and assets keep the static server's own caching.
 */
export function securityHeaders(app: FastifyInstance, publicUrl: string, mapTileUrl?: string) {
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        // DSFR's and swagger-ui's inline styles; scripts stay same-origin only.
        'style-src': ["'self'", "'unsafe-inline'"],
        // The directory's map tiles come from their server (MAP_TILE_URL).
        'img-src': ["'self'", 'data:', ...tileSource(mapTileUrl)],
      },
    },
    strictTransportSecurity: publicUrl.startsWith('https:') ? undefined : false,
  });
  app.addHook('onRequest', (req, reply, done) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    apply(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}

/** The CSP source of a tile URL template: its origin, `{s}` subdomains as a wildcard. */
export function tileSource(template: string | undefined): string[] {
  const origin = template?.match(/^https?:\/\/[^/]+/)?.[0];
  if (!origin) return [];
  return [origin.replace(/\{s\}/g, '*').replace(/[{}]/g, '')];
}
