import { typographic } from '../lib/format';
import type { Problem } from './types';

const BASE = '/api/v1';

export interface FieldIssue {
  field: string;
  message: string;
}

/** An API failure, read from an RFC 9457 problem+json body when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldIssue[];
  /** The whole problem body, for extension members (e.g. the earlier hand-outs of a refused one). */
  readonly problem: Problem;

  constructor(
    status: number,
    code: string,
    detail: string,
    errors: FieldIssue[] = [],
    problem: Problem = {},
  ) {
    super(detail);
    this.problem = problem;
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

// The session's CSRF token lives in memory only: it comes with every Session the API
// returns (me, login, invitation acceptance) and must not outlive the page.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Used when the server gives no usable problem body (proxy error, HTML page, network down). */
function fallbackDetail(status: number): string {
  if (status === 0) return 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.';
  if (status === 401) return 'Votre session a expiré. Veuillez vous reconnecter.';
  if (status === 403) return 'Vous n’avez pas les droits nécessaires pour cette action.';
  if (status === 404) return 'Ressource introuvable.';
  if (status === 429) return 'Trop de tentatives. Veuillez patienter avant de réessayer.';
  if (status >= 500) return 'Une erreur inattendue est survenue. Réessayez plus tard.';
  return 'La requête a été refusée.';
}

async function toApiError(res: Response): Promise<ApiError> {
  let problem: Problem = {};
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      problem = (await res.json()) as Problem;
    } catch {
      // A truncated or invalid body: keep the fallback message.
    }
  }
  // The server's French is written with the plain apostrophe (its API is read by programs
  // too); the pages show it with the typographic one, as they write their own.
  const errors = Array.isArray(problem.errors)
    ? problem.errors
        .filter((e) => typeof e?.field === 'string' && typeof e?.message === 'string')
        .map((e) => ({ field: e.field, message: typographic(e.message) }))
    : [];
  return new ApiError(
    res.status,
    problem.code ?? `http_${res.status}`,
    problem.detail ? typographic(problem.detail) : fallbackDetail(res.status),
    errors,
    problem,
  );
}

export interface RequestOptions {
  signal?: AbortSignal;
  query?: Record<string, string | number | undefined | null>;
}

function url(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  // A file goes as its bytes (an import); anything else as JSON.
  const raw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', fallbackDetail(0));
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  return (await res.json()) as T;
}

/**
 * A file the server makes on a POST (a SEPA transfer file): its bytes and the name the server
 * gives it, for the page to save. A POST because making it changes something (CSRF-protected).
 */
export async function postForFile(path: string): Promise<{ blob: Blob; fileName: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url(path), { method: 'POST', headers, credentials: 'same-origin', body: '{}' });
  } catch {
    throw new ApiError(0, 'network_error', fallbackDetail(0));
  }
  if (!res.ok) throw await toApiError(res);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  return { blob: await res.blob(), fileName: name ?? 'fichier' };
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body ?? {}, opts),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('PATCH', path, body ?? {}, opts),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};
