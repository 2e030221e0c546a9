import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, sessionRequired, unauthenticated } from '../../core/errors.js';
import type { Actor } from '../../core/permissions.js';
import type { App, Deps } from '../../http/app.js';
import { authenticateKey, presentedKey } from '../places/service.js';
import { resolveSession } from './service.js';

export const SESSION_COOKIE = 'pn_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in actor of a route that requires one (the hook below guarantees it). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/**
 * Loads the session of every API request, refuses anonymous calls to non-public
 * routes, and checks the CSRF token on state-changing ones: the cookie alone, which
 * a browser sends with any cross-site form, never authorises a change.
 */
export function installSessionHook(app: App, { db }: Deps) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('apiKey', null);
  // Places' software authenticates with a key, not a cookie: no session, no CSRF to check.
  // The key is known before the body is read, so that a call refused for its body (broken
  // JSON, a form, too large) is counted among the key's calls (places/usage.ts), which is how
  // a place learns that its software sends them.
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const presented = presentedKey(req.headers.authorization);
    if (req.routeOptions.config.apiKey && presented !== undefined)
      req.apiKey = await authenticateKey(db, presented, req.ip);
  });
  app.addHook('preValidation', async (req: FastifyRequest, _reply: FastifyReply) => {
    if (req.apiKey) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await resolveSession(db, token);
      if (resolved) {
        req.actor = resolved.actor;
        req.session = resolved.session;
      }
    }
    if (req.routeOptions.config.auth === 'public') return;
    if (!req.actor) {
      // A valid key on a route keys do not open: said so (403), and counted among the key's
      // refused calls (places/usage.ts counts the answers of requests that carry a key). A
      // bearer that is no key is no one: 401, as without it.
      const presented = presentedKey(req.headers.authorization);
      const key = presented === undefined ? null : await authenticateKey(db, presented).catch(() => null);
      if (key) {
        req.apiKey = key;
        throw sessionRequired();
      }
      throw unauthenticated();
    }
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.session?.csrfToken) {
      throw new DomainError(
        'csrf_failed',
        'Jeton de sécurité (CSRF) absent ou invalide : rechargez la page.',
      );
    }
  });
}
