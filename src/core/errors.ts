import { PROBLEMS, type ProblemCode } from './problems.js';

/**
 * Domain errors. Services throw these; the HTTP layer turns them into RFC 9457
 * problem+json responses. `detail` is French because users read it; `code` is
 * stable because programs (places' software, the web app) branch on it.
 */
export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  /** From the registry of refusals (core/problems.ts), which the OpenAPI document also reads. */
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors: FieldIssue[] = [],
    /** Extension members of the problem (RFC 9457 §3.2), e.g. the date a pass was used. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
    this.status = PROBLEMS[code].status;
  }
}

export const notFound = (what = 'Ressource') => new DomainError('not_found', `${what} introuvable.`);

export const invalid = (errors: FieldIssue[], detail = 'Certaines données sont invalides.') =>
  new DomainError('validation_failed', detail, errors);

export const conflict = (code: ProblemCode, detail: string, errors: FieldIssue[] = []) =>
  new DomainError(code, detail, errors);

export const unauthenticated = () =>
  new DomainError('unauthenticated', 'Vous devez être connecté pour accéder à cette ressource.');

/**
 * A place's valid API key on a route for people signed in: the key is known, so « you must be
 * signed in » (401) sent its developer looking for a wrong key.
 */
export const sessionRequired = () =>
  new DomainError(
    'session_required',
    'Cette route est réservée aux personnes connectées à leur compte : une clé d’API n’y donne pas accès. Les clés d’API servent à vérifier un pass, encaisser, annuler un encaissement et lister ceux du lieu ; le reste (relevés, profil, équipe…) se fait connecté au site.',
  );

export const forbidden = () =>
  new DomainError('forbidden', "Vous n'avez pas les droits nécessaires pour cette action.");
