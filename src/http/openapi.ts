import type { FastifyContextConfig, FastifySchema } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { PROBLEMS, type ProblemCode } from '../core/problems.js';

/**
 * What every route declares for the OpenAPI document, beside its zod schemas: a stable
 * operationId, its summary in English (`summary` stays French), and the refusals its own
 * code can answer. The refusals every route of its kind can answer (a session or a key
 * missing, a field refused, the database away…) are added by `refusalsOf`, from the same
 * route options the server acts on. Used in a route's schema as `...api(…)`.
 */
export interface ApiDoc {
  en: string;
  refusals: readonly ProblemCode[];
  examples?: OperationExamples;
  /**
   * False for a route that refuses no role with 403: it serves any member of the organisation
   * it names, or a place's key, and another organisation's objects are 404 (not found).
   */
  roleChecked?: boolean;
  /** A success answer no zod schema describes: no content (204) or a file (CSV). */
  answer?: { status: number; description: string; mediaType?: string };
}

/** Examples of a place-facing operation, shown at the media types of the document. */
export interface OperationExamples {
  request?: Record<string, { summary: string; value: unknown }>;
  responses?: Record<number, Record<string, { summary: string; value: unknown }>>;
}

declare module 'fastify' {
  interface FastifySchema {
    /** Set by `api()`: read by the document (below) and by the check of refusals (problem.ts). */
    'x-api'?: ApiDoc;
  }
}

export function api(
  operationId: string,
  en: string,
  refusals: readonly ProblemCode[] = [],
  more: Pick<ApiDoc, 'examples' | 'answer' | 'roleChecked'> = {},
): { operationId: string; 'x-api': ApiDoc } {
  return { operationId, 'x-api': { en, refusals, ...more } };
}

export const CSV_ANSWER = { status: 200, description: 'CSV (UTF-8)', mediaType: 'text/csv' } as const;
export const PDF_ANSWER = { status: 200, description: 'PDF', mediaType: 'application/pdf' } as const;
export const ZIP_ANSWER = { status: 200, description: 'ZIP', mediaType: 'application/zip' } as const;
export const SEPA_ANSWER = {
  status: 200,
  description: 'pain.001.001.03 (XML ISO 20022)',
  mediaType: 'application/xml',
} as const;
export const NO_CONTENT = { status: 204, description: 'Fait, sans contenu — done, no content' } as const;

/**
 * The document's version (info.version): MAJOR is the path's `/api/v1`; MINOR grows with each
 * addition (an operation, an optional field, a refusal code) or deprecation; PATCH for wording.
 * docs/api.md says what may change within `/api/v1` and how a deprecation is announced.
 */
export const API_VERSION = '1.56.0';

/** Capabilities, as the document's tags: what a developer looks for. */
export const TAGS = [
  { name: 'system', description: 'État du service — Service health' },
  { name: 'auth', description: 'Connexion, sessions, invitations — Sign-in, sessions, invitations' },
  { name: 'funders', description: 'Financeurs, prescripteurs, communes — Funders, prescribers, communes' },
  { name: 'programs', description: 'Dispositifs et délibérations — Programmes and deliberations' },
  { name: 'passes', description: 'Émission des carnets — Issuing booklets' },
  { name: 'stock', description: 'Stock et mouvements de carnets — Booklet stock and movements' },
  { name: 'beneficiaries', description: 'Remise aux bénéficiaires — Handing out to beneficiaries' },
  { name: 'blocking', description: 'Carnets perdus ou volés — Lost or stolen booklets' },
  { name: 'finance', description: 'Versements et payeurs — Fundings and payers' },
  { name: 'places', description: "Lieux, qualification, clés d'API — Places, qualification, API keys" },
  { name: 'qualification', description: 'Candidatures des lieux — Places’ applications' },
  { name: 'directory', description: 'Annuaire public des lieux — Public directory of places' },
  { name: 'public', description: 'Données ouvertes — Open data' },
  {
    name: 'redemptions',
    description: 'Vérifier, encaisser, annuler un pass (logiciel du lieu) — Check, redeem, cancel a pass',
  },
  { name: 'reports', description: 'Tableaux de bord et bilans — Dashboards and reports' },
  { name: 'audit', description: "Journal d'audit — Audit trail" },
  {
    name: 'statements',
    description: 'Relevés des lieux et ce qui leur est dû — Places’ statements and what they are owed',
  },
  {
    name: 'payments',
    description: 'Lots de paiement, SEPA, rapprochement — Payment runs, SEPA, reconciliation',
  },
  { name: 'notifications', description: 'Messages électroniques (boîte d’envoi) — E-mail outbox' },
] as const;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const BODY_REFUSALS: ProblemCode[] = [
  'fst_err_ctp_invalid_json_body',
  'fst_err_ctp_body_too_large',
  'fst_err_ctp_invalid_media_type',
];
// concurrent_update: PostgreSQL gave the request up for another that held the same rows.
const SERVER_REFUSALS: ProblemCode[] = [
  'internal_error',
  'database_unavailable',
  'service_stopping',
  'concurrent_update',
];

interface RouteFacts {
  method: string;
  url: string;
  schema?: FastifySchema;
  config?: Partial<FastifyContextConfig> & { rateLimit?: unknown };
}

/**
 * Every code a route can answer: those its own code declares, then those its kind implies.
 * The error handler reads the same list, so that the document and the answers agree.
 */
export function refusalsOf({ method, url, schema, config }: RouteFacts): ProblemCode[] {
  const codes = new Set<ProblemCode>(schema?.['x-api']?.refusals ?? []);
  if (url.includes(':')) {
    // A path parameter that cannot be decoded (`%zz`) or is over Fastify's 100 characters.
    codes.add('fst_err_bad_url');
    codes.add('fst_err_max_param_length');
    codes.add('not_found');
  }
  if (schema?.body || schema?.querystring || schema?.params) codes.add('validation_failed');
  // Fastify reads the body of any request that is not GET or HEAD and says it carries one,
  // whether or not the route takes one (a cancellation sent with `{`: 400, as a form: 415).
  if (schema?.body || !SAFE.has(method)) for (const c of BODY_REFUSALS) codes.add(c);
  // An empty body labelled JSON is no body where none is taken (http/json-only.ts).
  if (schema?.body) codes.add('fst_err_ctp_empty_json_body');
  if (config?.auth !== 'public') {
    codes.add('unauthenticated');
    if (schema?.['x-api']?.roleChecked !== false) codes.add('forbidden');
    if (!SAFE.has(method)) codes.add('csrf_failed');
    // A place's key on a route that takes none (auth/guard.ts).
    if (!config?.apiKey) codes.add('session_required');
  }
  if (config?.apiKey) {
    codes.add('invalid_api_key');
    // A source that keeps sending wrong keys is shut out for a while (places/service.ts).
    codes.add('rate_limited');
    // Node's HTTP parser refuses headers over 16 KiB before any route (http/client-errors.ts):
    // on any path, but a place's software, built from this document, must expect it.
    codes.add('request_header_too_large');
  }
  if (config?.rateLimit) codes.add('rate_limited');
  for (const c of SERVER_REFUSALS) codes.add(c);
  return [...codes];
}

export const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` is stable, `detail` is French.',
  required: ['type', 'title', 'status', 'code', 'detail'],
  properties: {
    type: { type: 'string', example: 'about:blank#already_redeemed' },
    title: { type: 'string', description: 'Titre du refus, en français' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Code stable sur lequel un programme peut décider' },
    detail: { type: 'string', description: 'Explication en français, pour la personne' },
    errors: {
      type: 'array',
      description: 'Les champs refusés',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    // The extensions a place's software may act on, typed for generated clients.
    retryAfterS: {
      type: 'integer',
      description: '429 : secondes à attendre, comme l’en-tête Retry-After',
    },
    guessesLeft: {
      type: 'integer',
      minimum: 0,
      description:
        'unknown_code : codes inconnus encore possibles avant que le lieu (ou la source) soit bloqué (429) jusqu’à la fin de la fenêtre ; donné quand il en reste 5 ou moins',
    },
    redeemedAt: {
      type: 'string',
      format: 'date-time',
      description: 'already_redeemed : quand le pass a été encaissé',
    },
    byThisPlace: {
      type: 'boolean',
      description:
        'already_redeemed : true si le pass a été encaissé par le lieu qui demande (une double saisie), false par un autre lieu, dont rien d’autre n’est dit',
    },
    redemptionId: {
      type: 'integer',
      description:
        'already_redeemed, seulement quand byThisPlace est true : l’encaissement du lieu, à annuler dans le délai permis s’il était une erreur',
    },
    firstRedemption: {
      type: 'object',
      description: 'nonce_reused : l’encaissement que ce nonce a fait, qui reste',
      required: ['id', 'code', 'redeemedAt'],
      properties: {
        id: { type: 'integer' },
        code: { type: 'string' },
        redeemedAt: { type: 'string', format: 'date-time' },
      },
    },
  },
  additionalProperties: true,
} as const;

type Transform = typeof jsonSchemaTransform;
type TransformObject = typeof jsonSchemaTransformObject;

/**
 * The swagger options' `transform` and `transformObject`: the zod schemas as JSON Schema (as
 * before), plus what `api()` declared: the error answers grouped by status, each listing its
 * codes, the English summary, and the examples.
 */
export function documentTransforms(): { transform: Transform; transformObject: TransformObject } {
  const docs = new Map<string, ApiDoc>();
  const transform: Transform = (args) => {
    const out = jsonSchemaTransform(args);
    const schema = out.schema as FastifySchema & { response?: Record<string, unknown> };
    const doc = args.schema?.['x-api'];
    if (schema.hide) return out;
    const byStatus = new Map<number, ProblemCode[]>();
    const { method, config } = args.route;
    const facts = { method: String(method), url: args.url, schema: args.schema as FastifySchema, config };
    for (const code of refusalsOf(facts)) {
      const { status } = PROBLEMS[code];
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const response: Record<string, unknown> = describeSuccess(schema.response ?? {});
    if (doc?.answer) {
      const { status, description, mediaType } = doc.answer;
      response[status] = mediaType
        ? { description, content: { [mediaType]: { schema: { type: 'string' } } } }
        : { description, type: 'null' };
    }
    for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
      response[status] = {
        description: `Refus — refusal: ${codes.map((c) => `\`${c}\` (${PROBLEMS[c].title})`).join(', ')}`,
        content: {
          'application/problem+json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/Problem' },
                { type: 'object', properties: { code: { type: 'string', enum: codes } } },
              ],
            },
          },
        },
      };
    }
    const operationId = schema.operationId;
    if (doc && operationId) docs.set(operationId, doc);
    const { 'x-api': _, ...rest } = schema;
    return {
      ...out,
      schema: {
        ...rest,
        ...(doc ? { description: [doc.en, rest.description].filter(Boolean).join('\n\n') } : {}),
        security: securityOf(config),
        response,
      },
    };
  };
  const transformObject: TransformObject = (args) => {
    const document = jsonSchemaTransformObject(args) as OpenApiDocument;
    document.components = {
      ...document.components,
      schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
    };
    for (const item of Object.values(document.paths ?? {})) {
      for (const operation of Object.values(item)) {
        const doc = operation.operationId ? docs.get(operation.operationId) : undefined;
        if (!doc) continue;
        operation['x-summary-en'] = doc.en;
        const found = doc.examples ?? {};
        const requestMedia = operation.requestBody?.content?.['application/json'];
        if (requestMedia && found.request) requestMedia.examples = found.request;
        // A body schema that takes null (`.nullish()`) is one a request may leave out.
        if (operation.requestBody && acceptsNull(requestMedia?.schema))
          operation.requestBody.required = false;
        for (const [status, byName] of Object.entries(found.responses ?? {})) {
          const content = operation.responses?.[status]?.content ?? {};
          const media = content['application/json'] ?? content['application/problem+json'];
          if (media) media.examples = byName;
        }
      }
    }
    documentHeaders(document);
    typeNullableRefs(document);
    listNullInNullableEnums(document);
    pruneUnusedSchemas(document);
    return document as ReturnType<TransformObject>;
  };
  return { transform, transformObject };
}

/** What a success answer described by its zod schema alone is called (the plugin says « Default Response »). */
const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  200: 'Réussi — OK',
  201: 'Créé — created',
  202: 'Accepté, fait ensuite — accepted, done afterwards',
};

function describeSuccess(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(answers).map(([status, answer]) => {
      const described = answer as { description?: string };
      const description = described.description ?? SUCCESS_DESCRIPTIONS[status];
      return [status, description ? { ...described, description } : answer];
    }),
  );
}

function acceptsNull(schema: unknown): boolean {
  const s = schema as { nullable?: boolean; type?: unknown; anyOf?: unknown[] } | undefined;
  if (!s) return false;
  if (s.nullable === true || s.type === 'null') return true;
  return Array.isArray(s.type) ? s.type.includes('null') : (s.anyOf ?? []).some(acceptsNull);
}

/**
 * The headers of answers a client acts on: when to try again after a 429 or a 503 (every one
 * carries it: problem.ts, lifecycle.ts, @fastify/rate-limit), and, on the 401 of an operation
 * a key calls, the scheme to use (problem.ts). Written here rather than in the transform, as
 * the swagger plugin cannot mark a header required.
 */
const RETRY_AFTER = {
  description: 'Secondes à attendre avant de réessayer — seconds to wait before trying again',
  required: true,
  schema: { type: 'integer', minimum: 0 },
} as const;
const BEARER_CHALLENGE = {
  description:
    '`Bearer`, ou `Bearer error="invalid_token"` pour une clé refusée (RFC 6750) — the scheme to use',
  required: true,
  schema: { type: 'string' },
} as const;

function documentHeaders(document: OpenApiDocument) {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item)) {
      const takesKey = operation.security?.some((scheme) => 'placeKey' in scheme) ?? false;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (status === '429' || status === '503')
          response.headers = { ...response.headers, 'Retry-After': RETRY_AFTER };
        if (status === '401' && takesKey)
          response.headers = { ...response.headers, 'WWW-Authenticate': BEARER_CHALLENGE };
      }
    }
  }
}

/** How a route may be called: public ones need nothing; a place's key where the route takes one. */
function securityOf(config: RouteFacts['config']): { [scheme: string]: string[] }[] {
  if (config?.auth === 'public') return [];
  return config?.apiKey ? [{ placeKey: [] }, { session: [] }] : [{ session: [] }];
}

type Json = Record<string, unknown>;
function walk(node: unknown, visit: (n: Json) => void) {
  if (Array.isArray(node)) for (const item of node) walk(item, visit);
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const value of Object.values(node)) walk(value, visit);
  }
}

/**
 * zod's nullable object becomes `{ nullable, allOf: [$ref] }`, which OpenAPI 3.0 reads as
 * nothing (`nullable` needs a sibling `type`): the referenced schema's type is set beside it.
 */
function typeNullableRefs(document: OpenApiDocument) {
  const schemas = document.components?.schemas ?? {};
  walk(document, (n) => {
    const only = Array.isArray(n.allOf) && n.allOf.length === 1 ? (n.allOf[0] as Json) : undefined;
    if (n.nullable !== true || n.type || typeof only?.$ref !== 'string') return;
    const target = schemas[only.$ref.replace('#/components/schemas/', '')] as Json | undefined;
    n.type = target?.type ?? 'object';
  });
}

/**
 * zod's nullable enum becomes `{ nullable, type, enum }`, which OpenAPI 3.0.3 reads as refusing
 * null (an `enum` restricts `nullable`: null must be listed among its values), so that an
 * answer or an example with null (`passUnusableReason` of a redemption that stands) failed
 * validation: null is listed.
 */
function listNullInNullableEnums(document: OpenApiDocument) {
  walk(document, (n) => {
    if (n.nullable === true && Array.isArray(n.enum) && !n.enum.includes(null)) n.enum = [...n.enum, null];
  });
}

/** The zod registry emits every schema, also the input twins no operation uses: kept out. */
function pruneUnusedSchemas(document: OpenApiDocument) {
  const schemas = document.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (node: unknown) =>
    walk(node, (n) => {
      if (typeof n.$ref !== 'string') return;
      const name = n.$ref.replace('#/components/schemas/', '');
      if (used.has(name)) return;
      used.add(name);
      visit(schemas[name]);
    });
  visit(document.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

interface Media {
  schema?: unknown;
  examples?: unknown;
}
interface OpenApiOperation {
  operationId?: string;
  'x-summary-en'?: string;
  security?: Record<string, string[]>[];
  requestBody?: { required?: boolean; content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media>; headers?: Record<string, unknown> }>;
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}
