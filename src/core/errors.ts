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
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldIssue[] = [],
    /** Extension members of the problem (RFC 9457 §3.2), e.g. the date a pass was used. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
    this.name = 'DomainError';
  }
}

export const notFound = (what = 'Ressource') => new DomainError(404, 'not_found', `${what} introuvable.`);

export const invalid = (errors: FieldIssue[], detail = 'Certaines données sont invalides.') =>
  new DomainError(422, 'validation_failed', detail, errors);

export const conflict = (code: string, detail: string, errors: FieldIssue[] = []) =>
  new DomainError(409, code, detail, errors);

export const unauthenticated = () =>
  new DomainError(401, 'unauthenticated', 'Vous devez être connecté pour accéder à cette ressource.');

export const forbidden = () =>
  new DomainError(403, 'forbidden', "Vous n'avez pas les droits nécessaires pour cette action.");
