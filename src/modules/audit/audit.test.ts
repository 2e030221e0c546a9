import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
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
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await viewer.request('GET', `/api/v1/funders/${funderId}/audit`)).statusCode).toBe(403);
  });

  it('seals entries only once every older transaction has ended', async () => {
    const writer = await t.database.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO audit_entries (at, action, object_type, summary) VALUES (now(), 'test.open', 'test', '{}')`,
      );
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

  it('seals a transaction that wrote more entries than a seal holds, whole, and goes on after it', async () => {
    await audit.seal(t.database.db);
    await t.database.pool.query(
      `INSERT INTO audit_entries (at, action, object_type, object_id, summary)
       SELECT now(), 'test.bulk', 'test', g::text, jsonb_build_object('n', g) FROM generate_series(1, 6000) g`,
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
    expect(ok.stdout).toMatch(/Audit chain intact: \d+ entries/);
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
    expect(broken.stdout).toContain('Audit chain BROKEN at entry 3');
    // Two command-line runs (tsx compiles the CLI each time): like the CLI's own tests, more than
    // the suite's 30 s default when other files load the two cores.
  }, 90_000);
});
