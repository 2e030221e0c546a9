import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { notFound } from '../../core/errors.js';
import { proconnectRefusalPath, safeReturnPath } from '../../core/proconnect.js';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { setSessionCookie } from '../auth/routes.js';
import { beginSignIn, completeSignIn, SIGN_IN_MINUTES, SignInRefused } from './service.js';

/** Holds the state of this browser's sign-in under way, so that only it can finish it. */
export const FLOW_COOKIE = 'pn_proconnect';
const FLOW_PATH = '/api/v1/auth/proconnect';
export const callbackUrl = (config: Config) => `${config.publicUrl}${FLOW_PATH}/callback`;

const Redirect = z.null().describe('Redirection (en-tête Location)');

function leave(reply: FastifyReply, to: string) {
  reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
  return reply.header('cache-control', 'no-store').redirect(to, 303);
}

const queryOf = (url: string) => (url.includes('?') ? url.slice(url.indexOf('?')) : '');

/** Every failure ends on the sign-in page, which says in French what happened. */
function refused(reply: FastifyReply, e: unknown) {
  if (!(e instanceof SignInRefused)) throw e;
  reply.log.info({ proconnect: e.code, reason: e.reason }, 'ProConnect sign-in refused');
  return leave(reply, proconnectRefusalPath(e.code));
}

/** ProConnect, the State's OpenID Connect service, for public agents (off unless configured). */
export function proconnectRoutes(app: App, { db, config }: Deps) {
  const enabled = () => {
    if (!config.proconnect) throw notFound('Connexion avec ProConnect (non configurée)');
    return config.proconnect;
  };

  app.get(
    '/auth/proconnect',
    {
      config: { auth: 'public' },
      schema: {
        ...api('getProConnect', 'Whether sign-in with ProConnect is offered'),
        tags: ['auth'],
        summary: 'La connexion avec ProConnect est-elle proposée ?',
        response: { 200: z.object({ enabled: z.boolean() }) },
      },
    },
    async () => ({ enabled: Boolean(config.proconnect) }),
  );

  app.get(
    '/auth/proconnect/login',
    {
      config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        ...api('startProConnect', 'Sign in with ProConnect (redirects to ProConnect)', [
          // Not configured on this platform (no PROCONNECT_ISSUER).
          'not_found',
        ]),
        tags: ['auth'],
        summary: "S'identifier avec ProConnect (redirige vers ProConnect)",
        querystring: z.object({ redirect: z.string().max(500).optional() }),
        response: { 303: Redirect },
      },
    },
    async (req, reply) => {
      const pc = enabled();
      try {
        const { url, state } = await beginSignIn(
          db,
          pc,
          callbackUrl(config),
          safeReturnPath(req.query.redirect),
        );
        reply.setCookie(FLOW_COOKIE, state, {
          path: FLOW_PATH,
          httpOnly: true,
          // Lax: the provider sends the browser back with a top-level GET, which carries it.
          sameSite: 'lax',
          secure: config.cookieSecure,
          maxAge: SIGN_IN_MINUTES * 60,
        });
        return reply.header('cache-control', 'no-store').redirect(url.href, 303);
      } catch (e) {
        return refused(reply, e);
      }
    },
  );

  app.get(
    '/auth/proconnect/callback',
    {
      config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        ...api('finishProConnect', 'Return from ProConnect (opens the session, redirects to the app)', [
          // Not configured on this platform (no PROCONNECT_ISSUER).
          'not_found',
        ]),
        tags: ['auth'],
        summary: 'Retour de ProConnect (ouvre la session, redirige vers l’application)',
        querystring: z.object({
          code: z.string().max(2048).optional(),
          state: z.string().max(512).optional(),
          iss: z.string().max(2048).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
        }),
        response: { 303: Redirect },
      },
    },
    async (req, reply) => {
      const pc = enabled();
      try {
        const { token, returnTo } = await completeSignIn(db, pc, {
          // The address the provider redirected to, as openid-client must see it (redirect_uri + query).
          callbackUrl: new URL(callbackUrl(config) + queryOf(req.url)),
          cookieState: req.cookies[FLOW_COOKIE],
          ttlHours: config.sessionTtlHours,
        });
        setSessionCookie(reply, config, token);
        return leave(reply, returnTo ?? '/');
      } catch (e) {
        return refused(reply, e);
      }
    },
  );
}
