import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from './config.js';
import { connect } from './db/client.js';
import { createTestDatabase, type TestDatabase } from './db/test/database.js';
import { loadDemo } from './demo/seed.js';
import { loggerOptions } from './http/logging.js';
import { buildServer } from './server.js';
import { testConfig } from './test/app.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-start-warnings-'));
let database: TestDatabase;
/** An evaluation's database, with the demo, restored where production runs. */
let demo: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  demo = await createTestDatabase();
  await loadDemo(demo.db);
});
afterAll(async () => {
  await database.close();
  await demo.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The warnings a start logs at the default level (info), as the command line's logger writes
 * them: the server built on `db` with `config`.
 */
async function startWarnings(db: TestDatabase['db'], config: Partial<Config>): Promise<string[]> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = await buildServer({ db, config: testConfig(config) }, loggerOptions('info', stream));
  await app.close();
  return lines
    .map((l) => JSON.parse(l) as { level: number; msg: string })
    .filter((l) => l.level === 40)
    .map((l) => l.msg);
}

const isSuperuser = async (db: TestDatabase['db']) =>
  (await db.$client.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0].rolsuper;

describe('a start warns of what the security rules forbid', () => {
  it('DATABASE_URL with a superuser role', async (ctx) => {
    // TEST_DATABASE_URL may name a role that is not one.
    if (!(await isSuperuser(database.db))) ctx.skip();
    const warnings = await startWarnings(database.db, { databaseUrl: database.url });
    expect(warnings).toContainEqual(
      expect.stringMatching(/^DATABASE_URL connects as a PostgreSQL superuser \(/),
    );
    expect(warnings.join('\n')).toContain('docs/operations.md, "Production set-up in short"');
  });

  it('not the embedded database, whose superuser is the platform’s own', async () => {
    const warnings = await startWarnings(database.db, { databaseUrl: undefined });
    expect(warnings.join('\n')).not.toContain('superuser');
  });

  it('not a role that is not a superuser', async () => {
    const role = `pn_app_${randomBytes(4).toString('hex')}`;
    const name = new URL(database.url).pathname.slice(1);
    await database.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'x'`);
    await database.pool.query(`GRANT ALL ON DATABASE ${name} TO ${role}`);
    await database.pool.query(`GRANT ALL ON ALL TABLES IN SCHEMA public, drizzle TO ${role}`);
    await database.pool.query(`GRANT ALL ON SCHEMA public, drizzle TO ${role}`);
    await database.pool.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public, drizzle TO ${role}`);
    const url = new URL(database.url);
    url.username = role;
    url.password = 'x';
    const app = connect(url.toString());
    try {
      expect(await isSuperuser(app.db)).toBe(false);
      const warnings = await startWarnings(app.db, { databaseUrl: url.toString() });
      expect(warnings.join('\n')).not.toContain('superuser');
    } finally {
      await app.close();
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query(`DROP OWNED BY ${role}`);
      await admin.end();
    }
  });

  it('an audit signing key readable by others (0644), not one readable by its owner only (0600)', async () => {
    const file = path.join(dir, 'key.pem');
    fs.copyFileSync(process.env.AUDIT_SIGNING_KEY_FILE!, file);
    fs.chmodSync(file, 0o644);
    const open = await startWarnings(database.db, { auditSigningKeyFile: file });
    expect(open).toContain(
      `The audit signing key AUDIT_SIGNING_KEY_FILE=${file} is readable by other accounts (mode 0644): ` +
        `whoever reads it can rewrite the audit trail unseen. Make it readable by the application's account only ` +
        `(chmod 600 ${file}; docs/operations.md, "What holds the state").`,
    );
    fs.chmodSync(file, 0o600);
    const closed = await startWarnings(database.db, { auditSigningKeyFile: file });
    expect(closed.join('\n')).not.toContain('AUDIT_SIGNING_KEY_FILE');
  });
});

describe('a start on DATABASE_URL warns when no e-mail can leave', () => {
  const mailWarning = (warnings: string[]) => warnings.find((w) => w.startsWith('SMTP_URL'));

  it('without SMTP_URL: registrations unconfirmed, messages waiting for the platform admin', async () => {
    expect(
      mailWarning(await startWarnings(database.db, { databaseUrl: database.url, smtpUrl: undefined })),
    ).toBe(
      'SMTP_URL is not set: no e-mail leaves the platform. Invitations, password links and statements wait in the outbox ' +
        "for the platform admin to pass on by hand, and a place that registers itself gets its admin's account at once, " +
        'for whatever address was typed, unconfirmed. Set SMTP_URL and MAIL_FROM (docs/operations.md, "Production set-up in short").',
    );
  });

  it('not with SMTP_URL, nor on the embedded database of an evaluation', async () => {
    expect(
      mailWarning(
        await startWarnings(database.db, { databaseUrl: database.url, smtpUrl: 'smtp://127.0.0.1:2525' }),
      ),
    ).toBeUndefined();
    expect(
      mailWarning(await startWarnings(database.db, { databaseUrl: undefined, smtpUrl: undefined })),
    ).toBeUndefined();
  });
});

describe('a start on DATABASE_URL warns of the demo data', () => {
  const demoWarning = (warnings: string[]) => warnings.find((w) => w.includes('demo'));

  it('when its accounts are there, with their published password', async () => {
    const { rows } = await demo.pool.query(
      "SELECT count(*)::int AS n FROM notification_outbox WHERE status = 'queued'",
    );
    const queued = rows[0].n;
    expect(queued).toBeGreaterThan(0);
    const warning = demoWarning(await startWarnings(demo.db, { databaseUrl: demo.url }));
    expect(warning).toBe(
      `The database holds the demo data: 11 of its accounts (the README's "Demo accounts", the platform admin among them, ` +
        'on .test addresses) share the published password "demo-pass-numerique", so anyone can sign in with them. ' +
        `Its outbox holds ${queued} message(s) not yet sent, which go out as soon as SMTP_URL is set. ` +
        'Start production on an empty database rather than on a restored evaluation (docs/operations.md, "Production set-up in short").',
    );
    expect(warning).toContain('docs/operations.md, "Production set-up in short"');
  });

  it('not in a database without them', async () => {
    expect(demoWarning(await startWarnings(database.db, { databaseUrl: database.url }))).toBeUndefined();
  });

  it('not on the embedded database, or when DEMO_DATA=true asks for the demo: the start lists its accounts', async () => {
    expect(
      demoWarning(await startWarnings(demo.db, { databaseUrl: undefined, loadDemo: true })),
    ).toBeUndefined();
    expect(
      demoWarning(await startWarnings(demo.db, { databaseUrl: demo.url, loadDemo: true })),
    ).toBeUndefined();
  });
});
