import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from './core/errors.js';
import { pgCodeOf } from './db/sqlstate.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { safeError } from './http/logging.js';

/**
 * What the command line prints when a command fails: always a sentence that says what
 * went wrong (never `undefined`, never an empty AggregateError), with the stack only
 * for errors nobody foresaw.
 */
export function describeFailure(err: unknown): string {
  if (err instanceof DomainError) {
    return `${err.detail}${err.errors.map((e) => `\n  ${e.field}: ${e.message}`).join('')}`;
  }
  if (err === undefined || err === null) {
    return 'La commande a échoué sans explication (une erreur sans message a été levée).';
  }
  if (!(err instanceof Error)) return `La commande a échoué : ${String(err)}`;
  const code = (err as NodeJS.ErrnoException).code;
  const listening = isListenFailure(err);
  if (code === 'EADDRINUSE' || (code === 'EACCES' && listening)) {
    return `${messageOf(err)}\nLe port HTTP est pris ou interdit : donnez à PORT (et HOST) un port libre.`;
  }
  if (listening) {
    return `${messageOf(err)}\nLe serveur HTTP ne peut pas écouter sur HOST=${httpHost()} (PORT=${process.env.PORT?.trim() || 3000}) : donnez à HOST une adresse de cette machine (0.0.0.0 pour toutes).`;
  }
  const tls = tlsFailure(err);
  if (tls) return tls;
  const sqlstate = pgCodeOf(err);
  if (sqlstate && REFUSED_CONNECTION.has(sqlstate)) return refusedConnection(messageOf(err));
  if (code && FILE_CODES.has(code) && typeof (err as NodeJS.ErrnoException).path === 'string')
    return fileFailure(err as NodeJS.ErrnoException);
  if (isDatabaseUnavailable(err)) {
    return `Impossible de joindre la base de données : ${messageOf(err)}\nVérifiez que PostgreSQL fonctionne et que DATABASE_URL y mène.`;
  }
  const message = messageOf(err);
  // Errors of our own making (a start that cannot proceed) explain themselves.
  if (err.constructor === Error && !code) return message;
  // An unforeseen one goes to a terminal or a process manager's log: scrubbed like the server's.
  const safe = safeError(err);
  return `${safe.message}\n${String(safe.stack ?? '')
    .split('\n')
    .slice(1)
    .join('\n')}`;
}

/** The message, or what the error carries instead (the errors of an AggregateError, its code). */
function messageOf(err: Error): string {
  if (err.message) return err.message;
  if (err instanceof AggregateError && err.errors.length) {
    return err.errors.map((e) => (e instanceof Error ? messageOf(e) : String(e))).join('; ');
  }
  const code = (err as NodeJS.ErrnoException).code;
  return code ? `${err.name} (${code})` : err.name;
}

/** What PostgreSQL answers to a connection with a wrong user or password, or to an unknown database. */
const REFUSED_CONNECTION = new Set(['28P01', '28000', '3D000']);

const TLS_DOC = 'docs/operations.md, « PostgreSQL over TLS »';
/** Node's codes for a certificate no authority it trusts vouches for. */
const UNVERIFIED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/**
 * A connection to DATABASE_URL's server that failed on TLS, in one line saying what to set: the
 * embedded server uses none, and the start connects to nothing else before it listens.
 */
function tlsFailure(err: Error): string | undefined {
  if (!process.env.DATABASE_URL?.trim()) return undefined;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const message = messageOf(err);
  if (UNVERIFIED_CERTIFICATE.has(code))
    return `Le certificat TLS du serveur PostgreSQL n’a pas pu être vérifié (${message}) : indiquez son autorité de certification avec sslmode=verify-full&sslrootcert=<fichier> dans DATABASE_URL (${TLS_DOC}).`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return `Le certificat TLS du serveur PostgreSQL n’est pas valide aujourd’hui (${message}) : les administrateurs de la base doivent le renouveler (${TLS_DOC}).`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `Le certificat TLS du serveur PostgreSQL n’est pas celui de l’hôte de DATABASE_URL (${message}) : utilisez le nom d’hôte que le certificat indique (${TLS_DOC}).`;
  // node-pg's words when the server answers no to TLS.
  if (/server does not support SSL connections/i.test(message))
    return `DATABASE_URL demande TLS (sslmode) mais le serveur PostgreSQL ne le propose pas : activez ssl sur le serveur, ou retirez sslmode de DATABASE_URL si le réseau est de confiance (${TLS_DOC}).`;
  // pg_hba.conf accepts this client over TLS only (hostssl lines).
  if (pgCodeOf(err) === '28000' && /no encryption/.test(message))
    return `La base de données a refusé une connexion sans TLS : ${message}. Si le serveur exige TLS, ajoutez sslmode=verify-full&sslrootcert=<fichier> à DATABASE_URL (${TLS_DOC}) ; sinon, son pg_hba.conf doit autoriser cet hôte, cet utilisateur et cette base.`;
  return undefined;
}

/** File-system errors on a path the operator gave (a file to read or write, DATA_DIR). */
const FILE_CODES = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENOSPC']);

const httpHost = () => process.env.HOST?.trim() || '0.0.0.0';

/**
 * The HTTP server's listen failing, not the database's connection: Node reports both alike
 * (`getaddrinfo ENOTFOUND <host>`), told apart by the host, HOST's (the database is reached
 * first, so a DATABASE_URL on the same host would have failed before).
 */
function isListenFailure(err: Error): boolean {
  const e = err as NodeJS.ErrnoException & { hostname?: string };
  if (e.syscall === 'listen' || e.syscall === 'bind') return true;
  if (e.syscall !== 'getaddrinfo' || !e.hostname || e.hostname !== httpHost()) return false;
  let databaseHost: string | undefined;
  try {
    databaseHost = new URL(process.env.DATABASE_URL ?? '').hostname;
  } catch {
    // no DATABASE_URL: the embedded server, on 127.0.0.1
  }
  return e.hostname !== databaseHost;
}

/** DATABASE_URL as it can be shown: its password masked. */
function shownDatabaseUrl(): string | undefined {
  try {
    const url = new URL(process.env.DATABASE_URL?.trim() ?? '');
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return undefined;
  }
}

function refusedConnection(message: string): string {
  const url = shownDatabaseUrl();
  return url
    ? `La base de données a refusé la connexion : ${message}. Vérifiez l’utilisateur, le mot de passe et le nom de la base dans DATABASE_URL (${url}).`
    : `Le PostgreSQL embarqué a refusé la connexion : ${message}. Vérifiez que ${path.join(dataDir(), 'pg.password')} est bien celui créé avec ${path.join(dataDir(), 'pg')}.`;
}

const dataDir = () => path.resolve(process.env.DATA_DIR?.trim() || 'data');

/**
 * One line naming the path; DATA_DIR named when the path is in it. A read-only file system is
 * said so: a recursive mkdir on one reports ENOENT.
 */
function fileFailure(err: NodeJS.ErrnoException): string {
  const file = path.resolve(err.path!);
  const dir = dataDir();
  if (file !== dir && !file.startsWith(`${dir}${path.sep}`)) return err.message;
  return `DATA_DIR (${dir}) est inutilisable : ${whyNotWritable(file) ?? err.message}. Ce doit être un dossier que ce compte peut créer et où il peut écrire.`;
}

/** Why the nearest existing directory of `file` cannot be written, if it cannot. */
function whyNotWritable(file: string): string | undefined {
  let dir = file;
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EROFS'
      ? `${dir} est sur un système de fichiers en lecture seule`
      : (error as Error).message;
  }
}
