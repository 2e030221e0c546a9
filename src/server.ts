import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Config, OSM_TILE_URL } from './config.js';
import type { App, Deps } from './http/app.js';
import { clientErrorHandler } from './http/client-errors.js';
import { jsonOnly } from './http/json-only.js';
import { installLifecycle } from './http/lifecycle.js';
import { limitMessage } from './http/limit-messages.js';
import { API_VERSION, api, documentTransforms, TAGS } from './http/openapi.js';
import { errorHandler } from './http/problem.js';
import { limitReached, rateLimitStore } from './http/rate-windows.js';
import { securityHeaders } from './http/security-headers.js';
import { validatorCompiler } from './http/validation.js';
import { serveWebApp } from './http/web-app.js';
import { startJobs } from './jobs/index.js';
import { auditRoutes } from './modules/audit/routes.js';
import { useInstanceKeys } from './modules/audit/service.js';
import { installSessionHook } from './modules/auth/guard.js';
import { authRoutes, memberRoutes } from './modules/auth/routes.js';
import { handOutRoutes, personDataRoutes } from './modules/beneficiaries/routes.js';
import { blockingRoutes } from './modules/blocking/routes.js';
import { closingRoutes } from './modules/closing/routes.js';
import { directoryRoutes } from './modules/directory/routes.js';
import { financeRoutes } from './modules/finance/routes.js';
import { funderRoutes } from './modules/funders/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { passRoutes } from './modules/passes/routes.js';
import { paymentRoutes } from './modules/payments/routes.js';
import { placeProfileRoutes } from './modules/place-profiles/routes.js';
import { placeStandardRoutes } from './modules/place-standard/routes.js';
import { placeRoutes } from './modules/places/routes.js';
import { installKeyUsage } from './modules/places/usage.js';
import { prescriberRoutes } from './modules/prescribers/routes.js';
import { proconnectRoutes } from './modules/proconnect/routes.js';
import { programRoutes } from './modules/programs/routes.js';
import { qualificationRoutes } from './modules/qualification/routes.js';
import { redemptionRoutes } from './modules/redemptions/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { reversibilityRoutes } from './modules/reversibility/routes.js';
import { statementRoutes } from './modules/statements/routes.js';
import { stockRoutes } from './modules/stock/routes.js';
import { startWarnings } from './start-warnings.js';

// Validation messages reach users: French, like the rest of the interface, and limits in
// their own words (amounts in euros); the locale's words for the rest.
z.config(z.locales.fr());
z.config({ customError: limitMessage });

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

const MODULES = [
  authRoutes,
  memberRoutes,
  proconnectRoutes,
  funderRoutes,
  prescriberRoutes,
  programRoutes,
  passRoutes,
  stockRoutes,
  handOutRoutes,
  personDataRoutes,
  blockingRoutes,
  financeRoutes,
  paymentRoutes,
  closingRoutes,
  placeRoutes,
  placeProfileRoutes,
  qualificationRoutes,
  directoryRoutes,
  placeStandardRoutes,
  redemptionRoutes,
  reportRoutes,
  reversibilityRoutes,
  statementRoutes,
  auditRoutes,
  notificationRoutes,
];

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes a function trusting that many hops from
 * the socket: Fastify 5 takes a bare number as trusting nothing, since it cannot tell the
 * proxy from a client that reaches the server directly (docs/security.md says when a count
 * is safe: the server reachable through the proxy only).
 */
function trustProxyOption(
  trust: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust ?? false;
}

export async function buildServer(deps: Deps, logger: FastifyServerOptions['logger'] = false): Promise<App> {
  // Sealing and every audited write need the signing key: a missing or bad one stops the start
  // before anything is built, and so does any key but the last seal's (a new one is made only
  // for a trail not yet sealed).
  const keys = await useInstanceKeys(deps.db, deps.config.auditSigningKeyFile);
  const app = Fastify({
    logger,
    // Requests are logged by http/lifecycle.ts, one line each, at debug unless they fail.
    logController: new LogController({ disableRequestLogging: true }),
    // Fastify's own 503 while closing is not a problem+json: http/lifecycle.ts answers instead.
    return503OnClosing: false,
    bodyLimit: 1024 * 1024,
    // Off unless TRUST_PROXY names the reverse proxy: otherwise anyone could choose the address
    // that the limits per address count.
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // Router-level rejections (bad URL encoding, over-long parameters) get the same problem shape.
    frameworkErrors: (error, req, reply) => errorHandler(error, req, reply),
    // And so are the HTTP parser's own refusals (431 headers too large, 400 not HTTP).
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  installLifecycle(app);

  jsonOnly(app);
  await app.register(cookie);
  securityHeaders(app, deps.config.publicUrl, deps.config.mapTileUrl ?? OSM_TILE_URL);
  // Limits per address count in PostgreSQL, so that several instances share them.
  await app.register(rateLimit, {
    global: false,
    store: rateLimitStore(deps.db),
    errorResponseBuilder: (_req, context) => limitReached(context.ttl),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Pass numérique — API',
        description:
          'API de la plateforme des dispositifs pass numérique. Erreurs au format application/problem+json.',
        version: API_VERSION,
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl' },
      },
      tags: [...TAGS],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pn_session' },
          placeKey: { type: 'http', scheme: 'bearer', description: "Clé d'API d'un lieu : pn_…" },
        },
      },
    },
    ...documentTransforms(),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (scope) => {
      const typed = scope.withTypeProvider<ZodTypeProvider>();
      installSessionHook(typed, deps);
      installKeyUsage(typed, deps.db);
      typed.get(
        '/health',
        {
          config: { auth: 'public' },
          schema: {
            ...api('getHealth', 'Service health'),
            tags: ['system'],
            summary: 'État du service',
            response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }) },
          },
        },
        async () => {
          await withinHealthDeadline(deps.db.execute(sql`SELECT 1`));
          return { status: 'ok' as const, database: 'ok' as const };
        },
      );
      for (const register of MODULES) register(typed, deps);
    },
    { prefix: '/api/v1' },
  );

  serveWebApp(app, webDist);
  if (keys.created)
    app.log.warn(
      { file: keys.file, keyId: keys.keyId },
      'new audit signing key created: keep a copy apart from the database backups (docs/operations.md)',
    );
  for (const warning of await startWarnings(deps.db, deps.config, keys.file)) app.log.warn(warning);
  const stopJobs = startJobs(deps.db, app.log, deps.config);
  app.addHook('onClose', stopJobs);
  return app;
}

/**
 * A load balancer's check must be answered: a PostgreSQL that stops answering (a frozen host,
 * a network that drops without a word) held it with no answer at all. Past the deadline it is
 * told 503 database_unavailable, and the query is left to finish or fail on its connection.
 */
const HEALTH_DEADLINE_MS = 3_000;
function withinHealthDeadline<T>(query: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(Object.assign(new Error('health check: no answer from PostgreSQL'), { code: 'ETIMEDOUT' })),
      HEALTH_DEADLINE_MS,
    );
  });
  return Promise.race([query, late]).finally(() => clearTimeout(timer));
}
