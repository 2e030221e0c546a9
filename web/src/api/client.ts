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
// returns (me, login, invitation acceptance) and must not outlive the page. With it, whose
// session it is: another tab of the browser may sign in again, or as someone else.
let csrfToken: string | null = null;
let csrfUser: string | null = null;

export function setCsrfToken(token: string | null, userId: string | null = null): void {
  csrfToken = token;
  csrfUser = token ? userId : null;
}

/**
 * A change refused for its CSRF token (`csrf_failed`): the browser's session cookie is no
 * longer the one this page signed in with, because another tab signed in again. If it is the
 * same person's session, the page takes its token and the change is sent once more; if it is
 * someone else's, nothing is sent in their name and the page says why.
 */
async function renewedToken(): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch(url('/auth/me'), {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
  } catch {
    return false;
  }
  if (!res.ok) return false;
  const session = (await res.json()) as { csrfToken?: string; user?: { id?: string } };
  if (!session.csrfToken || !session.user?.id) return false;
  if (csrfUser && session.user.id !== csrfUser)
    throw new ApiError(
      403,
      'csrf_failed',
      'Un autre compte s’est connecté dans ce navigateur (dans un autre onglet) : rien n’a été enregistré. Rechargez la page pour continuer avec ce compte, ou reconnectez-vous avec le vôtre.',
    );
  setCsrfToken(session.csrfToken, session.user.id);
  return true;
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
  try {
    return await send<T>(method, path, body, opts);
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'csrf_failed' && UNSAFE.has(method))) throw e;
    if (!(await renewedToken())) throw e;
    return send<T>(method, path, body, opts);
  }
}

async function send<T>(method: string, path: string, body: unknown, opts: RequestOptions): Promise<T> {
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

/** The name the server gives a file (`Content-Disposition`), or a plain one. */
function fileNameOf(res: Response): string {
  return /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'fichier';
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
  return { blob: await res.blob(), fileName: fileNameOf(res) };
}

/** How long the server asks to wait, in words (`retry-after` is in seconds). */
function waitInWords(seconds: number): string {
  if (!(seconds > 60)) return 'dans une minute';
  const minutes = Math.ceil(seconds / 60);
  return minutes < 120 ? `dans ${minutes} minutes` : `dans ${Math.ceil(minutes / 60)} heures`;
}

/**
 * A file the server makes on a GET (a funder's archive, a printer's codes), read here rather
 * than by the browser's own download so that the page can show its progress (the server may
 * take a while before the first byte) and say in French why it was refused. `onProgress`
 * hears the bytes received, and the total when the server gave it.
 */
export async function getFile(
  href: string,
  onProgress: (received: number, total: number | null) => void,
): Promise<{ blob: Blob; fileName: string }> {
  let res: Response;
  try {
    res = await fetch(href, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error', fallbackDetail(0));
  }
  if (res.status === 429) {
    throw new ApiError(
      429,
      'rate_limited',
      `Ce fichier a déjà été demandé plusieurs fois : réessayez ${waitInWords(Number(res.headers.get('retry-after')))}.`,
    );
  }
  if (!res.ok) throw await toApiError(res);
  const total = Number(res.headers.get('content-length')) || null;
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress(0, total);
  const reader = res.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      received += value.length;
      onProgress(received, total);
    }
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Le téléchargement a été interrompu. Vérifiez votre connexion puis réessayez.',
    );
  }
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  return { blob: new Blob(parts, { type }), fileName: fileNameOf(res) };
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
