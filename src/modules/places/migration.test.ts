import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runMigrations } from '../../db/migrate.js';

/**
 * Issue 11, point 3: "migrate today's per-funder places without losing their history". A
 * database made by the migrations before 0024, holding a place as it was then (attached to
 * its funder, with an agent, a key and an acceptance), is migrated; the place must come out
 * shared-ready with everything it had.
 */
const SOURCE = path.resolve(import.meta.dirname, '../../db/migrations');
let dbName: string;
let pool: pg.Pool;
let folder: string;

function migrationsBefore(idx: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  fs.cpSync(SOURCE, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx < idx);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

beforeAll(async () => {
  const serverUrl = inject('pgServerUrl');
  dbName = `m_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  folder = migrationsBefore(24);
  const client = await pool.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: folder });
  } finally {
    client.release();
  }
});

afterAll(async () => {
  await pool?.end();
  fs.rmSync(folder, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
});

describe('migration 0024 (places shared by funders)', () => {
  it('keeps every place, its people, keys and acceptances, and makes them shareable', async () => {
    const q = (text: string, values: unknown[] = []) => pool.query(text, values);
    const funder = (
      await q(
        `INSERT INTO funders (name, kind, siret, territory)
         VALUES ('Région test', 'region', '23000001800013', '[]') RETURNING id`,
      )
    ).rows[0].id;
    const place = (
      await q(
        `INSERT INTO organisations (funder_id, kind, name, commune_code)
         VALUES ($1, 'place', 'Médiathèque d''avant', '80021') RETURNING id`,
        [funder],
      )
    ).rows[0].id;
    const prescriber = (
      await q(
        `INSERT INTO organisations (funder_id, kind, name) VALUES ($1, 'prescriber', 'Mission locale') RETURNING id`,
        [funder],
      )
    ).rows[0].id;
    const user = (
      await q(
        `INSERT INTO users (email, display_name, password_hash) VALUES ('agent@lieu.test', 'Agent', 'x') RETURNING id`,
      )
    ).rows[0].id;
    await q(
      `INSERT INTO memberships (user_id, role, funder_id, organisation_id) VALUES ($1, 'place_agent', $2, $3)`,
      [user, funder, place],
    );
    await q(
      `INSERT INTO memberships (user_id, role, funder_id, organisation_id) VALUES ($1, 'prescriber_agent', $2, $3)`,
      [user, funder, prescriber],
    );
    await q(
      `INSERT INTO api_keys (funder_id, place_id, label, prefix, secret_hash) VALUES ($1, $2, 'Caisse', 'abcd1234', 'h')`,
      [funder, place],
    );
    const program = (await q(`INSERT INTO programs (funder_id) VALUES ($1) RETURNING id`, [funder])).rows[0]
      .id;
    await q(
      `INSERT INTO program_places (funder_id, program_id, place_id, accepted_on) VALUES ($1, $2, $3, '2024-03-01')`,
      [funder, program, place],
    );

    await runMigrations(pool);

    const org = (await q('SELECT funder_id, name FROM organisations WHERE id = $1', [place])).rows[0];
    expect(org).toEqual({ funder_id: null, name: "Médiathèque d'avant" });
    expect(
      (await q('SELECT funder_id FROM organisations WHERE id = $1', [prescriber])).rows[0].funder_id,
    ).toBe(funder);
    expect((await q('SELECT funder_id FROM funder_places WHERE place_id = $1', [place])).rows).toEqual([
      { funder_id: funder },
    ]);
    const roles = (
      await q('SELECT role, funder_id FROM memberships WHERE user_id = $1 ORDER BY role', [user])
    ).rows;
    expect(roles).toEqual([
      { role: 'place_agent', funder_id: null },
      { role: 'prescriber_agent', funder_id: funder },
    ]);
    expect((await q('SELECT label FROM api_keys WHERE place_id = $1', [place])).rows).toEqual([
      { label: 'Caisse' },
    ]);
    const history = (
      await q(
        `SELECT decision, to_char(effective_on, 'YYYY-MM-DD') AS on FROM place_qualifications
          WHERE place_id = $1 AND program_id = $2`,
        [place, program],
      )
    ).rows;
    expect(history).toEqual([{ decision: 'approved', on: '2024-03-01' }]);
    const standing = (
      await q(
        `SELECT standing, to_char(accepted_on, 'YYYY-MM-DD') AS since FROM program_places WHERE place_id = $1`,
        [place],
      )
    ).rows;
    expect(standing).toEqual([{ standing: 'approved', since: '2024-03-01' }]);
    // And the rule holds from now on: a place may no longer belong to a funder.
    await expect(q('UPDATE organisations SET funder_id = $1 WHERE id = $2', [funder, place])).rejects.toThrow(
      /organisations_funder_scope/,
    );
  });
});
