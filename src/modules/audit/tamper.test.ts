import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { entryHash } from '../../core/audit-chain.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import * as audit from './service.js';

// Each test breaks its own database's trail: one demo instance per test.
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** What someone with superuser access can do behind the application's back. */
async function asSuperuser(db: TestApp['database']['db'], statements: string[]) {
  await db.execute(sql.raw('ALTER TABLE audit_entries DISABLE TRIGGER USER'));
  await db.execute(sql.raw('ALTER TABLE audit_seals DISABLE TRIGGER USER'));
  for (const s of statements) await db.execute(sql.raw(s));
  await db.execute(sql.raw('ALTER TABLE audit_entries ENABLE TRIGGER USER'));
  await db.execute(sql.raw('ALTER TABLE audit_seals ENABLE TRIGGER USER'));
}

describe('audit trail against someone with database access', () => {
  it('flags an entry inserted by hand: no audited write of the application produced it', async () => {
    t = await startTestApp({ demo: true });
    await audit.seal(t.database.db);
    const { rows } = await t.database.pool.query(
      `INSERT INTO audit_entries (at, actor_label, action, object_type, object_id, summary)
       VALUES (now(), 'système', 'funding.record', 'funding', 'f1', '{"amountCents": 100000000000}')
       RETURNING id`,
    );
    const forged = Number(rows[0].id);
    const result = await audit.verify(t.database.db);
    expect(result).toMatchObject({ ok: false, brokenAt: forged });
    expect(result.ok || result.reason).toMatch(/non écrite par l’application/);
  });

  it('does not let a forgotten psql session hold sealing back, and names what it writes meanwhile', async () => {
    t = await startTestApp({ demo: true });
    const psql = new pg.Client({ connectionString: t.database.url, application_name: 'psql' });
    await psql.connect();
    try {
      await psql.query('BEGIN');
      const { rows } = await psql.query(
        `INSERT INTO audit_entries (at, actor_label, action, object_type, summary)
         VALUES (now(), 'système', 'test.forged', 'test', '{}') RETURNING id`,
      );
      const forged = Number(rows[0].id);
      await audit.record(t.database.db, {
        actor: null,
        funderId: null,
        action: 'test.after',
        objectType: 'test',
        objectId: null,
        summary: {},
      });
      // The application's entry is sealed although the psql transaction is older and open.
      expect(await audit.verify(t.database.db)).toMatchObject({ ok: true, pending: 0 });
      await psql.query('COMMIT');
      const result = await audit.verify(t.database.db);
      expect(result).toMatchObject({ ok: false, brokenAt: forged });
      expect(result.ok || result.reason).toMatch(/retirée ou ajoutée dans une plage scellée/);
    } finally {
      await psql.end();
    }
  });

  it('detects an edit even when every later seal is recomputed to match', async () => {
    t = await startTestApp({ demo: true });
    await audit.seal(t.database.db);
    const db = t.database.db;
    await asSuperuser(db, [`UPDATE audit_entries SET summary = '{"name":"falsifié"}' WHERE id = 3`]);
    // The hash chain is public: recompute every seal from the first, as an attacker would.
    const seals = await t.database.pool.query(`SELECT seq, entry_ids FROM audit_seals ORDER BY seq`);
    let prev = '0'.repeat(64);
    const updates: string[] = [];
    for (const s of seals.rows) {
      const ids = (s.entry_ids as string[]).map(Number);
      const { rows } = await t.database.pool.query(
        `SELECT * FROM audit_entries WHERE id = ANY($1::bigint[]) ORDER BY id`,
        [ids],
      );
      const first = prev;
      const hashes = rows.map((r) => {
        prev = entryHash(prev, {
          at: new Date(r.at).toISOString(),
          actorUserId: r.actor_user_id,
          actorLabel: r.actor_label,
          funderId: r.funder_id,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          summary: r.summary,
        });
        return prev;
      });
      updates.push(
        `UPDATE audit_seals SET prev_hash = '${first}', last_hash = '${prev}',
           hashes = ARRAY[${hashes.map((h) => `'${h}'`).join(',')}]::text[] WHERE seq = ${s.seq}`,
      );
    }
    await asSuperuser(db, updates);
    const result = await audit.verify(db);
    expect(result.ok).toBe(false);
    expect(result.ok || result.reason).toMatch(/la signature du sceau ne correspond pas au sceau/);
  });
});
