/**
 * bench:statements — issue 12.
 * The monthly statements for PLACES places and REDEMPTIONS redemptions of one month, issued by
 * the service (statements.run: one set-based INSERT … SELECT per funder writing statements,
 * their lines and events, gapless numbers, idempotence checks, audit), against raw SQL on the
 * same data in the same run: the month's GROUP BY per place written to a table, and the same
 * line rows written to a table (the least that records the same facts, with no numbering, no
 * constraint, no index). The pure GROUP BY read is reported too. Target: ratio ≤ 3.
 * Then the SEPA file for those statements, one transfer per place, through the payments
 * service as the funder does it: one admin prepares the run, a second approves it (four eyes),
 * and sepa_s times the pain.001 file's production (the run sent, its statements in payment); the
 * file is checked (number of transfers, control sum equal to the statements' totals).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { composeIBAN } from 'ibantools';
import type { Actor } from '../src/core/permissions.js';
import { connect } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { hautsDeFrance, hautsDeFranceDemoCampaign } from '../src/demo/programs.js';
import * as funders from '../src/modules/funders/service.js';
import * as payments from '../src/modules/payments/service.js';
import * as programs from '../src/modules/programs/service.js';
import * as statementsRepo from '../src/modules/statements/repo.js';
import * as statements from '../src/modules/statements/service.js';
import { freePort, recordResult } from './support.js';

const PLACES = Number(process.env.BENCH_PLACES ?? 5000);
const REDEMPTIONS = Number(process.env.BENCH_REDEMPTIONS ?? 200_000);
const MONTH = '2026-10';
const log = (s: string) => process.stdout.write(`${s}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-statements-'));
fs.chmodSync(dir, 0o755);
process.env.DATA_DIR = dir;
// A durable server (fsync on), as in production: both sides pay the same WAL costs.
const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
const database = connect(server.url, 4);
const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);
/** A French IBAN (bank 30006, branch 00001, account n), its RIB key and check digits computed. */
function frenchIban(n: number) {
  const account = String(n).padStart(11, '0');
  const key = 97 - ((89 * 30006 + 15 * 1 + 3 * Number(account)) % 97);
  return composeIBAN({ countryCode: 'FR', bban: `3000600001${account}${String(key).padStart(2, '0')}` })!;
}
/** An admin of the funder, as the services see a signed-in one (accounts written directly). */
async function admin(funderId: string, who: string): Promise<Actor> {
  const email = `${who}@banc-essai.test`;
  const { id } = (
    await q(`INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, 'x') RETURNING id`, [
      email,
      who,
    ])
  ).rows[0];
  await q(`INSERT INTO memberships (user_id, role, funder_id) VALUES ($1, 'funder_admin', $2)`, [
    id,
    funderId,
  ]);
  return { userId: id, email, memberships: [{ role: 'funder_admin', funderId, organisationId: null }] };
}
const seconds = async (work: () => Promise<unknown>) => {
  const t0 = performance.now();
  await work();
  return (performance.now() - t0) / 1000;
};

try {
  await runMigrations(database.pool);
  const state = {
    ...hautsDeFrance.creation.state,
    calendar: hautsDeFranceDemoCampaign.creation.state.calendar,
  };
  const funder = await database.db.transaction((tx) =>
    funders.insert(tx, null, {
      name: 'Financeur de banc d’essai',
      kind: 'epci',
      siret: '21800021300015',
      territory: [],
    }),
  );
  const programId = (
    await programs.create(database.db, null, funder.id, { ...hautsDeFrance.creation, state })
  ).program.id;

  log(`loading ${PLACES} places and ${REDEMPTIONS} redemptions of ${MONTH}…`);
  await q(
    `INSERT INTO organisations (kind, name) SELECT 'place', 'Lieu ' || lpad(i::text, 5, '0') FROM generate_series(1, $1) i`,
    [PLACES],
  );
  // Each place has its admin, to whom the run writes the statement_ready e-mail.
  await q(
    `WITH places AS (SELECT id, name FROM organisations WHERE kind = 'place'),
          people AS (INSERT INTO users (email, display_name, password_hash)
                     SELECT 'admin-' || id || '@banc-essai.test', 'Admin ' || name, 'x' FROM places RETURNING id, email)
     INSERT INTO memberships (user_id, role, organisation_id)
     SELECT u.id, 'place_admin', p.id FROM people u JOIN places p ON u.email = 'admin-' || p.id || '@banc-essai.test'`,
  );
  // The redemptions are the data, not what is measured: loaded in bulk, without their passes
  // (the parent checks are triggers, left out for this load only), 1 % cancelled in the month
  // (every 101st: each place keeps live ones, so that every place gets a statement and a transfer).
  const client = await database.pool.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    await client.query(
      `WITH places AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM organisations WHERE kind = 'place')
       INSERT INTO redemptions (funder_id, program_id, pass_id, place_id, nonce, theme, duration_minutes, format,
                                face_value_cents, redeemed_at, cancelled_at)
       SELECT $1, $2, i, p.id, 'bench-' || i, 'Prendre en main un équipement informatique', 60, 'individual',
              2000 + (i % 3) * 500, $4::timestamptz + (i % 2500000) * interval '1 second',
              CASE WHEN i % 101 = 0 THEN $4::timestamptz + interval '29 days' END
         FROM generate_series(1, $3) i JOIN places p ON p.n = 1 + (i % $5)`,
      [funder.id, programId, REDEMPTIONS, `${MONTH}-01T00:00:00+02:00`, PLACES],
    );
  } finally {
    await client.query(`SET session_replication_role = origin`);
    client.release();
  }
  await q('VACUUM ANALYZE');
  await q(`CREATE TABLE raw_statements (program_id uuid, place_id uuid, n int, value bigint)`);
  await q(`CREATE TABLE raw_lines (program_id uuid, place_id uuid, redemption_id bigint, amount bigint)`);

  const end = `((date '${MONTH}-01' + interval '1 month')::timestamp AT TIME ZONE 'Europe/Paris')`;
  const groupBy = `SELECT program_id, place_id, count(*)::int, sum(face_value_cents)::bigint FROM redemptions
                    WHERE funder_id = $1 AND redeemed_at < ${end} AND cancelled_at IS NULL GROUP BY 1, 2`;
  await q(groupBy, [funder.id]); // warm the cache for both sides
  const readS = await seconds(() => q(groupBy, [funder.id]));
  log('raw SQL: the GROUP BY per place and the lines, written to tables…');
  const rawS = await seconds(async () => {
    const c = await database.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(`INSERT INTO raw_statements ${groupBy}`, [funder.id]);
      await c.query(
        `INSERT INTO raw_lines SELECT program_id, place_id, id, face_value_cents FROM redemptions
          WHERE funder_id = $1 AND redeemed_at < ${end} AND cancelled_at IS NULL`,
        [funder.id],
      );
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  });
  if (process.env.BENCH_EXPLAIN) {
    // Where the run's time goes, on the same data, rolled back.
    await database.db
      .transaction(async (tx) => {
        await tx.execute(statementsRepo.RUN_MEMORY);
        const plan = await tx.execute(
          sql`EXPLAIN (ANALYZE, BUFFERS) ${statementsRepo.issueMonthQuery(funder.id, `${MONTH}-01`, 0)}`,
        );
        for (const r of plan.rows) log(String(Object.values(r)[0]));
        throw new Error('rollback');
      })
      .catch(() => {});
  }
  log('statements.run…');
  let issued = 0;
  const statementsS = await seconds(async () => {
    issued = (await statements.run(database.db, { month: MONTH })).funders.reduce((t, f) => t + f.issued, 0);
  });
  const load = os.loadavg()[0]!.toFixed(2);
  log(`statements.run: ${statementsS.toFixed(2)} s; raw: ${rawS.toFixed(2)} s; load ${load}`);
  const againS = await seconds(() => statements.run(database.db, { month: MONTH }));
  const check = (
    await q(
      `SELECT (SELECT count(*) FROM statement_lines)::int AS lines,
              (SELECT count(*) FROM notification_outbox WHERE template = 'statement_ready')::int AS emails, (SELECT sum(total_cents) FROM statements)::bigint AS total,
              (SELECT sum(value) FROM raw_statements)::bigint AS raw_total,
              (SELECT count(*) FROM raw_statements)::int AS raw_count`,
    )
  ).rows[0];
  if (
    issued !== check.raw_count ||
    check.emails !== issued ||
    Number(check.total) !== Number(check.raw_total)
  ) {
    throw new Error(`statements disagree with the raw SQL: ${issued} statements, ${JSON.stringify(check)}`);
  }
  const ratio = statementsS / rawS;

  log('SEPA: the run prepared, approved by a second admin, its pain.001 file…');
  const preparer = await admin(funder.id, 'tresorier');
  const approver = await admin(funder.id, 'ordonnateur');
  await q(
    `INSERT INTO funder_bank_accounts (funder_id, iban, bic, holder) VALUES ($1, $2, 'AGRIFRPP', 'Financeur de banc d essai')`,
    [funder.id, frenchIban(0)],
  );
  const places = (await q(`SELECT id, name FROM organisations WHERE kind = 'place' ORDER BY name`)).rows;
  await q(
    `INSERT INTO place_bank_accounts (place_id, iban, bic, holder)
     SELECT p.id, p.iban, 'CCBPFRPP', p.name FROM unnest($1::uuid[], $2::text[], $3::text[]) p(id, iban, name)`,
    [places.map((p) => p.id), places.map((_, i) => frenchIban(i + 1)), places.map((p) => p.name)],
  );
  let runId = '';
  const prepareS = await seconds(async () => {
    runId = (await payments.prepareRun(database.db, preparer, funder.id, {})).id;
  });
  const approveS = await seconds(() => payments.approveRun(database.db, approver, funder.id, runId));
  let file = { xml: '', transfers: 0, totalCents: 0 };
  const sepaS = await seconds(async () => {
    file = await payments.sepaFile(database.db, preparer, funder.id, runId);
  });
  const transfers = file.xml.match(/<CdtTrfTxInf>/g)?.length ?? 0;
  const controlSum = file.xml.match(/<CtrlSum>([0-9.]+)<\/CtrlSum>/)?.[1];
  const inPayment = (
    await q(
      `SELECT count(*)::int AS n, sum(total_cents)::bigint AS total FROM statements WHERE status = 'in_payment'`,
    )
  ).rows[0];
  if (
    transfers !== issued ||
    inPayment.n !== issued ||
    controlSum !== (Number(check.total) / 100).toFixed(2) ||
    Number(inPayment.total) !== Number(check.total)
  ) {
    throw new Error(
      `the SEPA file disagrees with the statements: ${transfers} transfers, control sum ${controlSum}, ${JSON.stringify(inPayment)}`,
    );
  }
  log(`SEPA: prepare ${prepareS.toFixed(2)} s, approve ${approveS.toFixed(2)} s, file ${sepaS.toFixed(2)} s`);
  const line = `statements_s=${statementsS.toFixed(2)} raw_s=${rawS.toFixed(2)} ratio=${ratio.toFixed(2)} sepa_s=${sepaS.toFixed(2)}`;
  recordResult('bench:statements', [
    `Monthly statements for ${PLACES.toLocaleString('en')} places and ${REDEMPTIONS.toLocaleString('en')} redemptions of one month (1 % cancelled before the run), each place with an admin, one durable embedded PostgreSQL 15. Load average (1 min) at the run: ${load}.`,
    `- statements.run: ${statementsS.toFixed(2)} s for ${issued.toLocaleString('en')} statements and ${check.lines.toLocaleString('en')} lines (one INSERT … SELECT: statements, lines, events; gapless numbers; ${check.emails.toLocaleString('en')} statement_ready e-mails in the same transaction; one audit entry per funder); a second run (idempotent, issues nothing): ${againS.toFixed(2)} s`,
    `- raw SQL, the same facts written with no numbering, constraint or index (GROUP BY per place into a table, and the line rows into another): ${rawS.toFixed(2)} s; the GROUP BY read alone: ${readS.toFixed(3)} s`,
    `- ratio ${ratio.toFixed(2)} (target ≤ 3): ${ratio <= 3 ? 'met' : 'NOT met'}`,
    `- SEPA file for ${transfers.toLocaleString('en')} transfers (one per place, control sum ${controlSum} € = the statements' totals), through the payments service: run prepared by one admin ${prepareS.toFixed(2)} s, approved by a second (four eyes; its statements approved) ${approveS.toFixed(2)} s, the pain.001 file produced (the run sent, its statements in payment): ${sepaS.toFixed(2)} s, ${(file.xml.length / 2 ** 20).toFixed(1)} MiB`,
    '',
    line,
  ]);
  log(line);
} finally {
  await database.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
