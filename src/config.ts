import path from 'node:path';

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
  loadDemo: boolean;
  /** How long a place may cancel its own redemption. */
  redemptionCancelHours: number;
  /** Failed code lookups allowed per key, user or address per window (anti-guessing). */
  codeGuessLimit: number;
  codeGuessWindowMinutes: number;
  /** The audit trail's Ed25519 signing key (PEM), kept outside the database. */
  auditSigningKeyFile: string;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function loadConfig(): Config {
  const port = int('PORT', 3000);
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  return {
    port,
    host: process.env.HOST ?? '0.0.0.0',
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir,
    embeddedPgPort: int('EMBEDDED_PG_PORT', 5433),
    publicUrl,
    logLevel: process.env.LOG_LEVEL ?? 'info',
    sessionTtlHours: int('SESSION_TTL_HOURS', 12),
    cookieSecure: process.env.COOKIE_SECURE
      ? process.env.COOKIE_SECURE === 'true'
      : publicUrl.startsWith('https:'),
    loadDemo: process.env.DEMO_DATA !== 'false',
    redemptionCancelHours: int('REDEMPTION_CANCEL_HOURS', 24),
    codeGuessLimit: int('CODE_GUESS_LIMIT', 20),
    codeGuessWindowMinutes: int('CODE_GUESS_WINDOW_MINUTES', 10),
    auditSigningKeyFile: path.resolve(
      process.env.AUDIT_SIGNING_KEY_FILE || path.join(dataDir, 'audit-signing-key.pem'),
    ),
  };
}
