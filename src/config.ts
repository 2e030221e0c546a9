import net from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { CODE_INPUT_MAX, checkSymbol, passCodeUrl } from './core/pass-code.js';

/** Every setting comes from the environment; README lists them. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  publicUrl: string;
  logLevel: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  /** DEMO_DATA; by default true on the embedded database, false with DATABASE_URL. */
  loadDemo: boolean;
  /** How long a place may cancel its own redemption. */
  redemptionCancelHours: number;
  /** Failed code lookups allowed per place, key, user or address per window (anti-guessing). */
  codeGuessLimit: number;
  codeGuessWindowMinutes: number;
  /** The audit trail's Ed25519 signing key (PEM), kept outside the database. */
  auditSigningKeyFile: string;
  /** Sign-in with ProConnect (OpenID Connect) for public agents; absent when not configured. */
  proconnect?: ProConnectConfig;
  /**
   * Which proxies' X-Forwarded-For to believe (Fastify's trustProxy): the limits per address
   * must see the client's address behind a reverse proxy, and never a header a client forged.
   */
  trustProxy?: boolean | number | string[];
  /** The public directory's map tiles (MAP_TILE_URL, MAP_TILE_ATTRIBUTION); OpenStreetMap's by default. */
  mapTileUrl?: string;
  mapTileAttribution?: string;
  /** Requests per minute per address to the public directory (DIRECTORY_RATE_LIMIT). */
  directoryRatePerMinute?: number;
  /**
   * E-mail (issue 12, point 7): SMTP_URL (smtp://user:password@host:587, smtps://… for implicit
   * TLS) and the sender's address MAIL_FROM. Without SMTP_URL messages stay in the outbox, which
   * the platform admin reads at /admin/messages.
   */
  smtpUrl?: string;
  mailFrom?: string;
  /**
   * The jobs that act on the calendar: pass expiry, the end of programmes, the monthly
   * statements (CALENDAR_JOBS, on by default). Tests turn them off so that what they see does
   * not depend on the day they run (on the first working day of a month the statements job
   * would write beside them); they call those jobs directly, with the date they choose.
   */
  calendarJobs?: boolean;
  /**
   * Who runs this instance, for its legal notice, its personal-data page and its accessibility
   * statement (OPERATOR_NAME, OPERATOR_ADDRESS, OPERATOR_EMAIL, HOSTING_PROVIDER); absent when
   * OPERATOR_NAME is unset, and the pages say the operator has not filled it in.
   */
  operator?: OperatorConfig;
}

export interface OperatorConfig {
  name: string;
  address: string | null;
  email: string | null;
  /** the host's name and address (a legal notice names who hosts the site) */
  host: string | null;
}

export const OSM_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>';

export interface ProConnectConfig {
  /** The provider's issuer URL; its discovery document is read from it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Scopes asked for; ProConnect's own by default. */
  scopes: string;
  /** `acr_values` sent with the authorization request, when set (ProConnect: e.g. eidas1). */
  acrValues: string | undefined;
  /**
   * Whether the provider vouches for every e-mail it sends, so that an answer without an
   * `email_verified` claim is taken as verified (an explicit `false` is refused regardless).
   */
  emailsVerifiedByProvider: boolean;
}

const PROCONNECT_SCOPES = 'openid email given_name usual_name siret';

/** All three of issuer, client id and secret, or none (the feature is then off). */
function proconnectConfig(errors: string[]): ProConnectConfig | undefined {
  const issuer = process.env.PROCONNECT_ISSUER || undefined;
  const clientId = process.env.PROCONNECT_CLIENT_ID || undefined;
  const clientSecret = process.env.PROCONNECT_CLIENT_SECRET || undefined;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    errors.push(
      'PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET vont ensemble : renseignez les trois, ou aucun',
    );
    return undefined;
  }
  return {
    issuer,
    clientId,
    clientSecret,
    scopes: process.env.PROCONNECT_SCOPES || PROCONNECT_SCOPES,
    acrValues: process.env.PROCONNECT_ACR_VALUES || undefined,
    emailsVerifiedByProvider: bool(errors, 'PROCONNECT_EMAILS_VERIFIED', false),
  };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY, as Fastify's trustProxy takes it: `true` (believe any proxy), a number (how many
 * proxies in front, the hop count: `1` for one reverse proxy), or the proxies' addresses or
 * CIDR ranges, comma-separated. Unset or `false`: no proxy believed.
 */
function trustProxy(errors: string[]): Config['trustProxy'] {
  const raw = process.env.TRUST_PROXY?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) || undefined;
  if (TRUE_WORDS.includes(raw.toLowerCase())) return true;
  if (FALSE_WORDS.includes(raw.toLowerCase())) return undefined;
  const list = raw
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const bad = list.filter((a) => !isProxyAddress(a));
  if (bad.length)
    errors.push(
      `TRUST_PROXY doit valoir true, false, un nombre de proxys, ou des adresses ou plages CIDR séparées par des virgules ; ${bad.length > 1 ? 'ce ne sont pas des adresses' : 'ce n’est pas une adresse'} : ${bad.map((b) => `« ${b} »`).join(', ')}`,
    );
  return list;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address = '', range, ...more] = entry.split('/');
  const version = net.isIP(address);
  if (!version || more.length) return false;
  if (range === undefined) return true;
  if (/^\d+$/.test(range)) return Number(range) <= (version === 4 ? 32 : 128);
  return version === 4 && net.isIPv4(range);
}

/** « Pass numérique <ne-pas-repondre@host> » on the public URL's host. */
function defaultMailFrom(publicUrl: string): string {
  let host = 'localhost';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // a malformed PUBLIC_URL is reported where it is used
  }
  return `Pass numérique <ne-pas-repondre@${host}>`;
}

/** The value given, as the configuration's errors quote it (French: « reçu »). */
const got = (raw: string) => ` (reçu « ${raw} »)`;

function intOf(errors: string[], name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    errors.push(
      min > 0
        ? `${name} doit être un nombre entier supérieur ou égal à ${min}${got(raw)}`
        : `${name} doit être un nombre entier positif ou nul${got(raw)}`,
    );
    return fallback;
  }
  return n;
}

/**
 * SMTP_URL: smtp://user:password@host:587 or smtps://…, with a host (and a numeric port when
 * one is given). Never echoed as given: it holds the SMTP password; shown with it masked.
 */
function smtpUrlOf(errors: string[]): string | undefined {
  const raw = process.env.SMTP_URL?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    let shown = '';
    if (url) {
      if (url.password) url.password = '***';
      shown = got(url.toString());
    }
    errors.push(
      `SMTP_URL doit être une adresse smtp:// ou smtps:// avec un hôte, comme smtp://utilisateur:mot-de-passe@hôte:587${shown}`,
    );
    return undefined;
  }
  return raw;
}

/** MAIL_FROM: an address (a@b.fr), or a name and an address (Name <a@b.fr>), on one line. */
/** An e-mail address as the settings take one (MAIL_FROM, OPERATOR_EMAIL). */
const EMAIL_ADDRESS = '[^\\s@<>",;]+@[^\\s@<>",;]+\\.[^\\s@<>",;]+';

function mailFromOf(errors: string[], publicUrl: string): string {
  const raw = process.env.MAIL_FROM?.trim();
  if (!raw) return defaultMailFrom(publicUrl);
  if (!new RegExp(`^(?:${EMAIL_ADDRESS}|[^<>\\r\\n]*<${EMAIL_ADDRESS}>)$`).test(raw)) {
    errors.push(
      `MAIL_FROM doit être une adresse e-mail, ou un nom et une adresse, comme Pass numérique <ne-pas-repondre@example.fr>${got(raw)}`,
    );
    return defaultMailFrom(publicUrl);
  }
  return raw;
}

function operatorOf(errors: string[]): OperatorConfig | undefined {
  const text = (name: string) => process.env[name]?.trim() || null;
  const name = text('OPERATOR_NAME');
  const email = text('OPERATOR_EMAIL');
  if (email && !new RegExp(`^${EMAIL_ADDRESS}$`).test(email))
    errors.push(`OPERATOR_EMAIL doit être une adresse e-mail${got(email)}`);
  if (!name) {
    if (email || text('OPERATOR_ADDRESS') || text('HOSTING_PROVIDER'))
      errors.push(
        'OPERATOR_NAME doit être renseigné dès que OPERATOR_ADDRESS, OPERATOR_EMAIL ou HOSTING_PROVIDER l’est',
      );
    return undefined;
  }
  return { name, address: text('OPERATOR_ADDRESS'), email, host: text('HOSTING_PROVIDER') };
}

/**
 * MAP_TILE_URL: an http(s) tile template with {z}, {x} and {y} (or {-y}), {s} for subdomains:
 * the web app loads images from it and the CSP allows its origin.
 */
function mapTileUrlOf(errors: string[]): string | undefined {
  const raw = process.env.MAP_TILE_URL?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw.replace(/\{(s|z|x|y|-y|r)\}/g, (_, p) => (p === 's' ? 'a' : '0')));
  } catch {
    // reported below
  }
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !url.hostname ||
    !raw.includes('{z}') ||
    !raw.includes('{x}') ||
    !/\{-?y\}/.test(raw)
  ) {
    errors.push(
      `MAP_TILE_URL doit être une adresse http:// ou https:// contenant {z}, {x} et {y}, comme https://tile.example.fr/{z}/{x}/{y}.png${got(raw)}`,
    );
    return undefined;
  }
  return raw;
}

/** HOST: the address the HTTP server listens on, an IP address or a host name (default 0.0.0.0). */
function hostOf(errors: string[]): string {
  const raw = process.env.HOST?.trim();
  if (!raw) return '0.0.0.0';
  const name =
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
  if (!net.isIP(raw) && !name.test(raw)) {
    errors.push(
      `HOST doit être une adresse IP ou un nom d’hôte où écouter, comme 0.0.0.0, :: ou 127.0.0.1${got(raw)}`,
    );
    return '0.0.0.0';
  }
  return raw;
}

/** Every code is as long as any other: this one stands for all in the length of a QR link. */
const LONGEST_CODE = `${'2'.repeat(13)}${checkSymbol('2'.repeat(13))}`;

/**
 * PUBLIC_URL: an absolute http(s) address, without query or fragment, kept without a trailing
 * slash, since every link (invitations, the ProConnect redirect URI, passes' QR codes) is
 * built by appending a path to it.
 */
function publicUrlOf(errors: string[], raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    errors.push(
      `PUBLIC_URL doit être une adresse absolue http:// ou https://, comme https://pass.example.fr${got(raw)}`,
    );
    return raw;
  }
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) {
    errors.push(`PUBLIC_URL ne doit avoir ni paramètres (?…) ni fragment (#…)${got(raw)}`);
    return raw;
  }
  const kept = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  // The desk and the API read a code in at most CODE_INPUT_MAX characters: a longer QR link
  // would be cut by every scanner's field, and no pass of this platform could be scanned.
  const link = passCodeUrl(kept, LONGEST_CODE).length;
  if (link > CODE_INPUT_MAX)
    errors.push(
      `PUBLIC_URL est trop longue : le lien des QR codes des pass (PUBLIC_URL/p/ et le code) compterait ${link} caractères, et le code d’un pass n’est lu que dans ${CODE_INPUT_MAX} au plus ; choisissez une adresse d’au plus ${CODE_INPUT_MAX - (link - kept.length)} caractères${got(raw)}`,
    );
  return kept;
}

/** A TCP port, 1 to 65535, checked before anything starts (not when the server listens). */
function portOf(errors: string[], name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) {
    errors.push(`${name} doit être un numéro de port entre 1 et 65535${got(raw)}`);
    return fallback;
  }
  return n;
}

/** DATABASE_URL: a postgres:// or postgresql:// URL (unset: the embedded server). */
function databaseUrlOf(errors: string[]): string | undefined {
  const raw = process.env.DATABASE_URL?.trim();
  if (!raw) return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    // Not the value itself: it may hold a password.
    errors.push(
      'DATABASE_URL doit être une adresse postgres:// ou postgresql://, comme postgresql://utilisateur:mot-de-passe@hôte:5432/base',
    );
    return undefined;
  }
  return raw;
}

/** LOG_LEVEL: one of pino's levels, or silent. */
function logLevelOf(errors: string[]): string {
  const raw = process.env.LOG_LEVEL?.trim();
  if (!raw) return 'info';
  const levels = [...Object.keys(pino.levels.values), 'silent'];
  if (!levels.includes(raw)) {
    errors.push(`LOG_LEVEL doit valoir ${levels.slice(0, -1).join(', ')} ou ${levels.at(-1)}${got(raw)}`);
    return 'info';
  }
  return raw;
}

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/**
 * Every yes-or-no variable: true/1/yes/on or false/0/no/off, in any case; unset or empty, the
 * fallback. Anything else is a mistake that stops the start, never a silent « no » (a
 * `COOKIE_SECURE=1` read as false would send the session cookie over plain HTTP).
 */
function bool(errors: string[], name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (TRUE_WORDS.includes(raw.toLowerCase())) return true;
  if (FALSE_WORDS.includes(raw.toLowerCase())) return false;
  errors.push(`${name} doit valoir true ou false, ou encore 1/0, yes/no, on/off${got(raw)}`);
  return fallback;
}

/**
 * The configuration, every variable checked once before anything starts: all the mistakes are
 * reported together, one line each naming its variable, in one Error that the command line
 * prints without a stack (exit code 1).
 */
export function loadConfig(): Config {
  const errors: string[] = [];
  const config = readConfig(errors);
  if (errors.length)
    throw new Error(
      `Configuration invalide (voir le tableau de configuration du README) :\n${errors.map((e) => `  ${e}`).join('\n')}`,
    );
  return config;
}

function readConfig(errors: string[]): Config {
  const int = (name: string, fallback: number) => intOf(errors, name, fallback);
  const port = portOf(errors, 'PORT', 3000);
  const databaseUrl = databaseUrlOf(errors);
  const publicUrl = publicUrlOf(errors, process.env.PUBLIC_URL || `http://localhost:${port}`);
  // Empty like unset: the default ./data, not the current directory.
  const dataDir = path.resolve(process.env.DATA_DIR?.trim() || 'data');
  const mapTileUrl = mapTileUrlOf(errors);
  return {
    port,
    host: hostOf(errors),
    databaseUrl,
    dataDir,
    embeddedPgPort: portOf(errors, 'EMBEDDED_PG_PORT', 5433),
    publicUrl,
    logLevel: logLevelOf(errors),
    sessionTtlHours: intOf(errors, 'SESSION_TTL_HOURS', 12, 1),
    cookieSecure: bool(errors, 'COOKIE_SECURE', publicUrl.startsWith('https:')),
    // The demo (with a platform admin whose password is published) on the embedded database
    // only, unless DEMO_DATA says otherwise: never by default on a real PostgreSQL.
    loadDemo: bool(errors, 'DEMO_DATA', !databaseUrl),
    redemptionCancelHours: int('REDEMPTION_CANCEL_HOURS', 24),
    codeGuessLimit: int('CODE_GUESS_LIMIT', 20),
    codeGuessWindowMinutes: int('CODE_GUESS_WINDOW_MINUTES', 10),
    auditSigningKeyFile: path.resolve(
      process.env.AUDIT_SIGNING_KEY_FILE || path.join(dataDir, 'audit-signing-key.pem'),
    ),
    proconnect: proconnectConfig(errors),
    trustProxy: trustProxy(errors),
    mapTileUrl: mapTileUrl ?? OSM_TILE_URL,
    mapTileAttribution:
      process.env.MAP_TILE_ATTRIBUTION || (process.env.MAP_TILE_URL ? undefined : OSM_ATTRIBUTION),
    directoryRatePerMinute: int('DIRECTORY_RATE_LIMIT', 120),
    smtpUrl: smtpUrlOf(errors),
    mailFrom: mailFromOf(errors, publicUrl),
    calendarJobs: bool(errors, 'CALENDAR_JOBS', true),
    operator: operatorOf(errors),
  };
}
