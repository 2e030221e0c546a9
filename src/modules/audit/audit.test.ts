import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryProof } from '../../core/audit-proof.js';
import type { Db } from '../../db/client.js';
import { auditEntries } from '../../db/schema/index.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { auditKeys } from './keys.js';
import * as audit from './service.js';

const run = promisify(execFile);
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t.close());

describe('audit journal', () => {
  it('records every mutation of the demo load in an intact chain', async () => {
    const result = await audit.verify(t.database.db);
    expect(result.ok).toBe(true);
    expect(result.count).toBeGreaterThan(20);
  });

  it('shows a funder admin its own funder’s trail, newest first, and nothing of others', async () => {
    const hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
    const funderId = hdf.session.memberships[0]!.funderId!;
    await hdf.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'a@b.test',
      role: 'funder_viewer',
    });
    const page = (await hdf.request('GET', `/api/v1/funders/${funderId}/audit?limit=5`)).json();
    expect(page.entries[0]).toMatchObject({
      action: 'invitation.create',
      actorEmail: 'financeur@hautsdefrance.test',
    });
    expect(page.entries).toHaveLength(5);
    const next = (
      await hdf.request('GET', `/api/v1/funders/${funderId}/audit?limit=5&before=${page.nextBefore}`)
    ).json();
    expect(next.entries[0].id).toBeLessThan(page.entries[4].id);
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await pdc.request('GET', `/api/v1/funders/${funderId}/audit`)).statusCode).toBe(404);
    // The read-only seat is the auditor's: it reads the same journal; a prescriber does not.
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    const read = await viewer.request('GET', `/api/v1/funders/${funderId}/audit?limit=5`);
    expect(read.statusCode).toBe(200);
    expect(read.json().entries.map((e: { id: number }) => e.id)).toContain(page.entries[0].id);
    const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await prescriber.request('GET', `/api/v1/funders/${funderId}/audit`)).statusCode).toBe(403);
  });

  it('seals entries only once every older transaction has ended', async () => {
    const writer = await t.database.pool.connect();
    try {
      await writer.query('BEGIN');
      await audit.record(drizzle(writer) as unknown as Db, {
        actor: null,
        funderId: null,
        action: 'test.open',
        objectType: 'test',
        objectId: null,
        summary: {},
      });
      await audit.record(t.database.db, {
        actor: null,
        funderId: null,
        action: 'test.committed',
        objectType: 'test',
        objectId: null,
        summary: {},
      });
      // The committed entry waits behind the older open transaction, which could still add entries.
      const during = await audit.verify(t.database.db);
      expect(during).toMatchObject({ ok: true, pending: 1 });
      await writer.query('COMMIT');
    } finally {
      writer.release();
    }
    const after = await audit.verify(t.database.db);
    expect(after).toMatchObject({ ok: true, pending: 0 });
    // Both in one seal, in id order: the entry written first comes first.
    const { rows } = await t.database.pool.query(
      `SELECT e.action FROM audit_seals s, unnest(s.entry_ids) WITH ORDINALITY AS x(id, n)
         JOIN audit_entries e ON e.id = x.id
        WHERE e.action LIKE 'test.%' ORDER BY s.seq, x.n`,
    );
    expect(rows.map((r) => r.action)).toEqual(['test.open', 'test.committed']);
  });

  it('names the application’s open transaction that holds sealing back, and ends such sessions when idle', async () => {
    const { rows } = await t.database.pool.query('SHOW idle_in_transaction_session_timeout');
    expect(rows[0].idle_in_transaction_session_timeout).toBe('1min');
    // A request of the application stuck in the middle of its transaction.
    const stuck = new pg.Client({ connectionString: t.database.url, application_name: 'pass-numerique' });
    await stuck.connect();
    try {
      await stuck.query('BEGIN');
      await audit.record(drizzle(stuck) as unknown as Db, {
        actor: null,
        funderId: null,
        action: 'test.stuck',
        objectType: 'test',
        objectId: null,
        summary: {},
      });
      await audit.record(t.database.db, {
        actor: null,
        funderId: null,
        action: 'test.held_back',
        objectType: 'test',
        objectId: null,
        summary: {},
      });
      const waiting = await audit.backlog(t.database.db);
      expect(waiting.pending).toBeGreaterThanOrEqual(1);
      expect(waiting.heldBy).toMatchObject({ applicationName: 'pass-numerique' });
      const head = await run('npx', ['tsx', 'src/cli.ts', 'audit', 'head'], {
        env: { ...process.env, DATABASE_URL: t.database.url },
      });
      expect(head.stdout).toMatch(
        /entrées? en attente de sceau ; le scellement attend la transaction du pid \d+ \(pass-numerique\)/,
      );
      await stuck.query('COMMIT');
    } finally {
      await stuck.end();
    }
    await audit.seal(t.database.db);
    expect(await audit.backlog(t.database.db)).toMatchObject({ pending: 0 });
  }, 60_000);

  it('prints the head of the trail to publish: last hash, signature and public key', async () => {
    await audit.seal(t.database.db);
    const { stdout } = await run('npx', ['tsx', 'src/cli.ts', 'audit', 'head'], {
      env: { ...process.env, DATABASE_URL: t.database.url },
    });
    const [last] = (
      await t.database.pool.query('SELECT last_hash, signature FROM audit_seals ORDER BY seq DESC LIMIT 1')
    ).rows;
    expect(stdout).toContain(`Empreinte        ${last.last_hash}`);
    expect(stdout).toContain(`Signature        ${last.signature}`);
    expect(stdout).toContain(auditKeys().publicKeyPem.trim());
    expect(stdout).toContain('Aucune entrée n’attend de sceau.');
  }, 60_000);

  it('seals a transaction that wrote more entries than a seal holds, whole, and goes on after it', async () => {
    await audit.seal(t.database.db);
    // One transaction writing 6,000 entries, each with the proof the application gives it.
    const at = new Date();
    const bulk = Array.from({ length: 6000 }, (_, i) => ({
      at,
      actorUserId: null,
      actorLabel: 'système',
      funderId: null,
      action: 'test.bulk',
      objectType: 'test',
      objectId: String(i + 1),
      summary: { n: i + 1 },
    }));
    await t.database.db
      .insert(auditEntries)
      .values(
        bulk.map((e) => ({ ...e, proof: entryProof(auditKeys().writerKey, { ...e, at: at.toISOString() }) })),
      );
    await audit.record(t.database.db, {
      actor: null,
      funderId: null,
      action: 'test.after_bulk',
      objectType: 'test',
      objectId: null,
      summary: {},
    });
    // The server's own sealer runs meanwhile: what counts is what is sealed, and how.
    await audit.seal(t.database.db);
    const { rows } = await t.database.pool.query(
      `SELECT e.action, count(*)::int AS n, count(DISTINCT s.seq)::int AS seals
         FROM audit_seals s, unnest(s.entry_ids) AS x(id) JOIN audit_entries e ON e.id = x.id
        WHERE e.action IN ('test.bulk', 'test.after_bulk') GROUP BY e.action ORDER BY e.action`,
    );
    expect(rows).toEqual([
      { action: 'test.after_bulk', n: 1, seals: 1 },
      { action: 'test.bulk', n: 6000, seals: 1 },
    ]);
    expect(await audit.verify(t.database.db)).toMatchObject({ ok: true, pending: 0 });
  });

  it('refuses to rewrite or delete a seal', async () => {
    await audit.seal(t.database.db);
    const update = await t.database.db
      .execute(sql`UPDATE audit_seals SET last_hash = 'x' WHERE seq = 1`)
      .catch((e) => e);
    expect(update.cause.message).toBe('table audit_seals is append-only');
    const remove = await t.database.db.execute(sql`DELETE FROM audit_seals`).catch((e) => e);
    expect(remove.cause.message).toBe('table audit_seals is append-only');
  });

  it('detects an entry deleted from a sealed range', async () => {
    const other = await startTestApp({ demo: true });
    try {
      await audit.seal(other.database.db);
      await other.database.db.execute(
        sql`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`,
      );
      await other.database.db.execute(sql`DELETE FROM audit_entries WHERE id = 5`);
      const result = await audit.verify(other.database.db);
      expect(result).toMatchObject({ ok: false, brokenAt: 5, count: 4 });
    } finally {
      await other.close();
    }
  });

  it('refuses to rewrite an entry through ordinary SQL', async () => {
    const error = await t.database.db
      .execute(sql`UPDATE audit_entries SET action = 'x' WHERE id = 1`)
      .catch((e) => e);
    expect(error.cause.message).toBe('table audit_entries is append-only');
  });

  it('detects a tampered entry, from the service and from the command line', async () => {
    const ok = await run('npx', ['tsx', 'src/cli.ts', 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: t.database.url },
    });
    expect(ok.stdout).toMatch(/Journal d’audit intact : \d+ entrées?/);
    // Someone with superuser access edits history behind the application's back.
    await t.database.db.execute(sql`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`);
    await t.database.db.execute(sql`UPDATE audit_entries SET summary = '{"name":"falsifié"}' WHERE id = 3`);
    await t.database.db.execute(sql`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only`);
    const result = await audit.verify(t.database.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 3, count: 2 });
    const broken = await run('npx', ['tsx', 'src/cli.ts', 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: t.database.url },
    }).catch((e) => e);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      'Journal d’audit ROMPU à l’entrée n° 3 : le contenu de l’entrée ne correspond pas à son empreinte (2 entrées vérifiées avant elle).',
    );
    // Two command-line runs (tsx compiles the CLI each time): like the CLI's own tests, more than
    // the suite's 30 s default when other files load the two cores.
  }, 90_000);
});
