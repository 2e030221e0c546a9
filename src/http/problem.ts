import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type FieldIssue } from '../core/errors.js';
import { problemKind } from '../core/problems.js';
import { isConcurrentUpdate, pgCodeOf, uniqueViolated } from '../db/sqlstate.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { ForbiddenJsonKey } from './json-only.js';
import { refusalsOf } from './openapi.js';

/** RFC 9457 problem details; `code` is stable, `detail` is French, `errors` names the fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldIssue[];
}

/**
 * RFC 6750 §3.1: the key presented is unknown, revoked or malformed. Its French detail stays
 * in the body: the header's `error_description` is ASCII only.
 */
const BEARER_REFUSED = 'Bearer error="invalid_token"';

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_S = '2';

/**
 * The database is down or unreachable. Whether a write that was under way when it went
 * away committed is unknown, so the advice is to retry: a redemption sent again with the
 * same nonce gets the first answer if the first one was recorded.
 */
export function sendDatabaseUnavailable(reply: FastifyReply): FastifyReply {
  reply.header('retry-after', RETRY_AFTER_S);
  return sendProblem(reply, {
    code: 'database_unavailable',
    detail: 'La base de données est momentanément indisponible. Réessayez dans quelques instants.',
  });
}

/**
 * Sends the problem of a code of the registry (core/problems.ts), with its status and title;
 * `status` is only for a framework code the registry does not know yet.
 */
export function sendProblem(
  reply: FastifyReply,
  { status, ...p }: Omit<Problem, 'type' | 'title' | 'status'> & { status?: number },
  extra: Record<string, unknown> = {},
): FastifyReply {
  const kind = problemKind(p.code, status);
  reply.request.problemCode = p.code;
  const body = { ...extra, type: `about:blank#${p.code}`, title: kind.title, status: kind.status, ...p };
  // Also answers sent before the security headers' hook ran (service_stopping): never cached.
  return reply
    .code(kind.status)
    .header('cache-control', 'no-store')
    .type('application/problem+json; charset=utf-8')
    .send(body);
}

function pathOf(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.');
}

type UnroutedHook = (request: FastifyRequest, reply: FastifyReply) => void;
const unroutedHooks = new WeakMap<FastifyInstance['server'], UnroutedHook[]>();

/**
 * Adds a hook run after each answer given before any route was found (a bad URL, a path
 * parameter over the router's limit): Fastify makes those requests outside every scope, so
 * that no `onResponse` hook sees them. What must see every answer (the API keys' usage) adds
 * one here. Kept per HTTP server, as a test process runs several.
 */
export function onUnroutedAnswer(app: FastifyInstance, hook: UnroutedHook) {
  const hooks = unroutedHooks.get(app.server) ?? [];
  unroutedHooks.set(app.server, [...hooks, hook]);
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const answered = answer(error, request, reply);
  if (request.routeOptions.url === undefined)
    for (const hook of unroutedHooks.get(request.server.server) ?? []) hook(request, reply);
  return answered;
}

function answer(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    warnIfUndocumented(request, error.code);
    // A limit's refusal says when to come back (RFC 9110 Retry-After, in seconds).
    if (error.status === 429 && typeof error.extra.retryAfterS === 'number') {
      reply.header('retry-after', String(error.extra.retryAfterS));
    }
    // A 401 of a route that takes a key names the scheme to use (RFC 9110 §11.6.1, RFC 6750
    // §3): a client library retries with its key, or says the one it has was refused.
    if (error.status === 401 && request.routeOptions.config?.apiKey) {
      reply.header('www-authenticate', error.code === 'invalid_api_key' ? BEARER_REFUSED : 'Bearer');
    }
    return sendProblem(
      reply,
      {
        code: error.code,
        detail: error.detail,
        errors: error.errors,
      },
      error.extra,
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext === 'body' ? '' : `${error.validationContext}.`;
    const errors = error.validation.map((v) => ({
      field: `${where}${pathOf(v.instancePath)}`.replace(/\.$/, '') || 'body',
      message: v.message ?? 'Valeur invalide.',
    }));
    // The same status and code as the services' own validation (core/errors.ts `invalid`):
    // a client tells a refused value from a malformed request (400) the same way everywhere.
    return sendProblem(reply, {
      code: 'validation_failed',
      // Each field's message is in `errors`, at its field; the sentence for the whole request
      // names no internal field (a web form's summary showed « amountCents (…) »).
      detail:
        error.validationContext === 'params'
          ? "Adresse invalide : l'élément demandé n'existe pas."
          : errors.length === 1
            ? 'Données invalides : un champ est à corriger.'
            : `Données invalides : ${errors.length} champs sont à corriger.`,
      errors,
    });
  }
  const status = error.statusCode ?? 500;
  if (status === 429) {
    return sendProblem(reply, {
      code: 'rate_limited',
      detail: 'Trop de tentatives. Veuillez patienter avant de réessayer.',
    });
  }
  if (status >= 400 && status < 500) {
    // Malformed JSON, wrong content type, body too large: the client's fault, said plainly.
    return sendProblem(reply, {
      status,
      code: error.code ? error.code.toLowerCase() : 'bad_request',
      detail: clientErrorDetail(error),
    });
  }
  const unique = uniqueViolated(error);
  if (isConcurrentUpdate(error) || unique) {
    // A deadlock or a serialization failure, or a row of the same key written by another
    // request after this one checked it was free (a race the service did not name): the
    // transaction was rolled back whole, and sent again it meets the other's row at the check.
    request.log.warn({ code: pgCodeOf(error), constraint: unique }, 'concurrent update');
    return sendProblem(reply, {
      code: 'concurrent_update',
      detail:
        'Une autre opération a modifié les mêmes données au même instant : rien n’a été enregistré. Réessayez.',
    });
  }
  if (isDatabaseUnavailable(error)) {
    // One short line: during an outage every request fails alike, a stack each would flood.
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    request.log.warn({ reason: cause ?? error.message, code: error.code }, 'database unavailable');
    return sendDatabaseUnavailable(reply);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, {
    code: 'internal_error',
    detail: 'Une erreur inattendue est survenue. Elle a été enregistrée ; réessayez plus tard.',
  });
}

function clientErrorDetail(error: FastifyError): string {
  if (error instanceof ForbiddenJsonKey)
    return 'Le corps de la requête contient un nom de champ interdit (« __proto__ » ou « constructor »).';
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return "Le corps de la requête n'est pas un JSON valide.";
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Le corps de la requête est vide : envoyez un objet JSON.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return "Ce type de contenu n'est pas accepté ; envoyez du JSON en UTF-8 (application/json).";
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'La requête est trop volumineuse.';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return "Un paramètre de l'adresse est trop long.";
    case 'FST_ERR_BAD_URL':
      return "L'adresse demandée est mal formée.";
    default:
      return 'La requête est invalide.';
  }
}

const documented = new Map<string, Set<string>>();
/** The refusals answered that their route did not declare, as "METHOD /url code" (for tests). */
export const undocumentedRefusals: string[] = [];
/**
 * A refusal the route does not declare is a hole in the OpenAPI document a place's software
 * is built from: said in the log (once per route and code), for the route's `api()` to list it.
 */
function warnIfUndocumented(request: FastifyRequest, code: string) {
  const route = request.routeOptions;
  if (!route.url) return;
  const key = `${request.method} ${route.url}`;
  let codes = documented.get(key);
  if (!codes) {
    codes = new Set(
      refusalsOf({ method: request.method, url: route.url, schema: route.schema, config: route.config }),
    );
    documented.set(key, codes);
  }
  if (codes.has(code)) return;
  codes.add(code);
  undocumentedRefusals.push(`${key} ${code}`);
  request.log.warn(
    { route: key, code },
    'refusal missing from the OpenAPI document (add it to the route’s api())',
  );
}
