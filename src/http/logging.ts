import { createHash } from 'node:crypto';
import type { DestinationStream, LoggerOptions } from 'pino';
import { parsePassCode } from '../core/pass-code.js';

/*
 * The log carries nothing personal and no secret: operators, hosting staff and whatever
 * collects the log read it, and it is kept apart from the database's protections.
 *
 * - A failed query never brings its parameters (a beneficiary's names and birth date, an
 *   e-mail, a password hash): Drizzle's "params:" part is cut, and of a PostgreSQL error
 *   only its code, constraint, table, column and routine are kept; its `detail` and
 *   `where` (which echo the row or the key: "Key (email)=(…) already exists") are dropped.
 * - Every string that goes out (messages, fields, stacks) is scrubbed of e-mail addresses,
 *   API key secrets (the key's prefix stays: it names the key in the place's screen),
 *   256-bit tokens (sessions, invitations), argon2 hashes and pass codes; a pass code is
 *   replaced by `code#` and the first 8 hex digits of its SHA-256, so that a support person
 *   told a code can find its lines without the log holding any code.
 * - A request address is logged without its query string, scrubbed the same way; the
 *   request lines themselves name the route's pattern (http/lifecycle.ts).
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const API_KEY = /\b(pn_[a-z2-7]{10}_)[A-Za-z0-9_-]{43}/g;
const ARGON2 = /\$argon2[a-z]*\$[^\s"',;]*/g;
// A run of 32 base64url characters or more: tokens and secrets. UUIDs and hex digests (a
// public key's fingerprint, a token's stored hash, which reveal nothing) are kept.
const TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g;
const HEX = /^[0-9a-f]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The pass code alphabet, 4-4-4-2, with or without separators, in either case. Ordinary
// words match this too ("database system" is 4-4-4-2 of the alphabet), so a match is only
// replaced when it could be a code: see looksLikeCode.
const S = '[2-9A-HJKMNP-Za-hjkmnp-z]';
const PASS_CODE = new RegExp(
  `(?<![A-Za-z0-9])${S}{4}[- ]?${S}{4}[- ]?${S}{4}[- ]?${S}{2}(?![A-Za-z0-9])`,
  'g',
);
const PRINTED = new RegExp(`^${S}{4}-${S}{4}-${S}{4}-${S}{2}$`);
const DIGIT = /[2-9]/;

/**
 * A match is a code, or may be one mistyped, when its check symbol is right (words pass by
 * chance 1 time in 31), when it is written as printed (XXXX-XXXX-XXXX-XX), or when it is one
 * run of 14 symbols holding a digit (a code typed with a typo; words and identifiers have none).
 */
function looksLikeCode(match: string): boolean {
  if (parsePassCode(match).ok || PRINTED.test(match)) return true;
  return match.length === 14 && DIGIT.test(match);
}

/** The short hash a support person matches a code against: `code#` + 8 hex digits. */
export function codeTag(code: string): string {
  const canonical = code.replace(/[- ]/g, '').toUpperCase();
  return `code#${createHash('sha256').update(canonical).digest('hex').slice(0, 8)}`;
}

/** A string with every personal value or secret replaced. */
export function redactText(text: string): string {
  return text
    .replace(ARGON2, '[password-hash]')
    .replace(API_KEY, '$1[secret]')
    .replace(EMAIL, '[e-mail]')
    .replace(TOKEN, (m) => (UUID.test(m) || HEX.test(m) ? m : '[token]'))
    .replace(PASS_CODE, (m) => (looksLikeCode(m) ? codeTag(m) : m));
}

/** Drizzle's "Failed query: … \nparams: a,b,c" keeps its query, never its parameters. */
function withoutParams(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, '\nparams: [not logged]');
}

// What a PostgreSQL error may say without echoing a value.
const PG_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine'];

/** An error as it may be logged: type, scrubbed message and stack, PostgreSQL's safe fields, its cause. */
export function safeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactText(String(error)) };
  const e = error as Error & Record<string, unknown>;
  const out: Record<string, unknown> = {
    type: e.constructor?.name ?? e.name,
    message: redactText(pgMessage(withoutParams(e.message))),
  };
  for (const f of PG_FIELDS) if (typeof e[f] === 'string' || typeof e[f] === 'number') out[f] = e[f];
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (e.stack) out.stack = redactText(pgMessage(withoutParams(e.stack)));
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** PostgreSQL quotes the value it could not read ("invalid input syntax for type uuid: \"…\""). */
function pgMessage(text: string): string {
  return text.replace(/(for (?:type|enum) [\w ]+: )"(?:[^"\\]|\\.)*"/g, '$1"[value]"');
}

/** A log line's fields, scrubbed: errors made safe, strings redacted, to a reasonable depth. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return safeError(value);
  if (value === null || typeof value !== 'object' || depth > 5) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}

/** A request as it may be logged: its method and address, without the query string. */
function safeRequest(req: { method?: string; url?: string }) {
  return { method: req.method, url: redactText((req.url ?? '').replace(/\?.*$/s, '')) };
}

/** The server's logger settings: the command line's and the tests' alike. */
export function loggerOptions(
  level: string,
  stream: DestinationStream,
): LoggerOptions & { stream: DestinationStream } {
  return {
    level,
    stream,
    serializers: {
      req: safeRequest,
      err: (e: unknown) => (e instanceof Error ? safeError(e) : scrub(e)),
    },
    formatters: {
      log: (object) => scrub(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // log.error(err) and log.error(err, 'message'): the error as a safe field, its message scrubbed.
        if (first instanceof Error) {
          const message =
            typeof rest[0] === 'string' ? redactText(rest[0]) : redactText(withoutParams(first.message));
          return method.apply(this, [{ err: safeError(first) }, message, ...rest.slice(1)] as never);
        }
        return method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as never);
      },
    },
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-api-key"]'],
  };
}
