/**
 * bench:downloads — the large files a funder downloads, for a large funder: PASSES passes
 * issued in one batch of booklets of ten, each booklet handed out to its own beneficiary,
 * REDEMPTIONS of them redeemed in 50 places.
 * - The funder's archive (reversibility: « Toutes les données du financeur »; funderArchive:
 *   the large tables read a batch at a time in one snapshot, laid out as French CSV,
 *   compressed as they come) against the raw database on the same data in the same run: the
 *   same tables' rows read whole in one snapshot, with nothing formatted or compressed.
 * - The batch's printer's file (passes.batchCodesFile: a page of booklets at a time, written
 *   to a file as the route streams it) against the same rows read whole in one query.
 * Each side runs in a fresh Node process so that its peak resident memory (maxRSS) is its own.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Actor } from '../src/core/permissions.js';
import { connect } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import * as passes from '../src/modules/passes/service.js';
import { funderArchive } from '../src/modules/reversibility/service.js';
import { prepareBenchPasses } from './redeem-setup.js';
import { freePort, recordResult } from './support.js';

const PASSES = Number(process.env.BENCH_PASSES ?? 200_000);
const REDEMPTIONS = Number(process.env.BENCH_REDEMPTIONS ?? 150_000);
const PLACES = 50;
const log = (s: string) => process.stdout.write(`${s}\n`);
const MiB = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

interface Side {
  seconds: number;
  /** The process's peak resident memory, in bytes. */
  maxRss: number;
  /** Before the work: what Node, the modules and the pool take alone. */
  rssBefore: number;
  rows: number;
  bytes: number;
}

const side = process.env.BENCH_DOWNLOADS_SIDE;
if (side) {
  process.stdout.write(JSON.stringify(await runSide(side)));
  process.exit(0);
}

/** One side, in its own process: a file through the service, or its rows read raw. */
async function runSide(which: string): Promise<Side> {
  const database = connect(process.env.BENCH_DATABASE_URL!, 4);
  const funderId = process.env.BENCH_FUNDER_ID!;
  const actor = JSON.parse(process.env.BENCH_ACTOR!) as Actor;
  await database.pool.query('SELECT 1');
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  let rows = 0;
  let bytes = 0;
  if (which === 'archive') {
    const file = await funderArchive(database.db, actor, funderId);
    bytes = file.body.length;
    fs.writeFileSync(process.env.BENCH_ARCHIVE_OUT!, file.body);
  } else if (which === 'codes') {
    const file = await passes.batchCodesFile(
      database.db,
      actor,
      process.env.BENCH_PROGRAM_ID!,
      process.env.BENCH_BATCH_ID!,
      'https://pass-numerique.example',
    );
    // Written as the route sends it: the next page asked for when the file has taken the last.
    const out = fs.createWriteStream(process.env.BENCH_CODES_OUT!);
    for await (const text of file.text) {
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
    }
    await new Promise((done) => out.end(done));
  } else if (which === 'codes-raw') {
    const { rows: codes } = await database.pool.query(
      `SELECT b.serial, p.code FROM passes p JOIN booklets b ON b.id = p.booklet_id
        WHERE b.batch_id = $1 ORDER BY b.serial, p.id`,
      [process.env.BENCH_BATCH_ID],
    );
    rows = codes.length;
  } else {
    const c = await database.pool.connect();
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (const table of [
        'programs',
        'fundings',
        'booklets',
        'beneficiaries',
        'redemptions',
        'statements',
      ]) {
        rows += (await c.query(`SELECT * FROM ${table} WHERE funder_id = $1`, [funderId])).rowCount ?? 0;
      }
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  await database.close();
  // maxRSS is in kibibytes.
  return { seconds, maxRss: process.resourceUsage().maxRSS * 1024, rssBefore, rows, bytes };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-downloads-'));
fs.chmodSync(dir, 0o755);
process.env.DATA_DIR = dir;
const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
const database = connect(server.url, 4);
const q = (text: string, params: unknown[] = []) => database.pool.query(text, params);

try {
  await runMigrations(database.pool);
  const bench = await prepareBenchPasses(database.db, database.pool, PASSES, 10, log, PLACES);
  const { funderId, programId } = (
    await q(`SELECT funder_id AS "funderId", program_id AS "programId" FROM passes WHERE id = $1`, [
      bench.rows[0]!.id,
    ])
  ).rows[0];
  log(
    `one beneficiary per booklet, ${REDEMPTIONS.toLocaleString('en')} passes redeemed in ${PLACES} places…`,
  );
  const c = await database.pool.connect();
  try {
    // The data, not what is measured: written in bulk, the parent checks (triggers) left out.
    await c.query('SET session_replication_role = replica');
    await c.query(
      `WITH b AS (SELECT id, row_number() OVER (ORDER BY serial) AS n FROM booklets WHERE program_id = $1),
            people AS (INSERT INTO beneficiaries (funder_id, first_name, last_name, birth_date, commune_code, audience)
                       SELECT $2, 'Prénom ' || n, 'Nom ' || n, date '1950-01-01' + (n % 15000)::int, '80021', 'demandeur_emploi'
                         FROM b RETURNING id, last_name)
       UPDATE booklets SET beneficiary_id = people.id
         FROM b JOIN people ON people.last_name = 'Nom ' || b.n WHERE booklets.id = b.id`,
      [programId, funderId],
    );
    await c.query(
      `WITH places AS (SELECT place_id, row_number() OVER (ORDER BY place_id) AS n FROM program_places WHERE program_id = $2),
            used AS (UPDATE passes SET status = 'redeemed', redeemed_at = now() - (id % 5000000) * interval '1 second' WHERE id IN (SELECT id FROM passes WHERE program_id = $2 ORDER BY id LIMIT $3)
                     RETURNING id, redeemed_at)
       INSERT INTO redemptions (funder_id, program_id, pass_id, place_id, nonce, theme, duration_minutes, format,
                                face_value_cents, redeemed_at)
       SELECT $1, $2, u.id, p.place_id, 'bench-' || u.id, 'Prendre en main un équipement informatique', 60, 'individual',
              1000, u.redeemed_at
         FROM used u JOIN places p ON p.n = 1 + (u.id % ${PLACES})`,
      [funderId, programId, REDEMPTIONS],
    );
  } finally {
    await c.query('SET session_replication_role = origin');
    c.release();
  }
  await q('VACUUM ANALYZE');
  const email = 'admin-archive@banc-essai.test';
  const { id: userId } = (
    await q(`INSERT INTO users (email, display_name, password_hash) VALUES ($1, 'Admin', 'x') RETURNING id`, [
      email,
    ])
  ).rows[0];
  await q(`INSERT INTO memberships (user_id, role, funder_id) VALUES ($1, 'funder_admin', $2)`, [
    userId,
    funderId,
  ]);
  const actor: Actor = {
    userId,
    email,
    memberships: [{ role: 'funder_admin', funderId, organisationId: null }],
  };

  const out = path.join(dir, 'archive.zip');
  const codesOut = path.join(dir, 'codes.csv');
  const { batchId } = (
    await q(`SELECT batch_id AS "batchId" FROM booklets WHERE program_id = $1 LIMIT 1`, [programId])
  ).rows[0];
  const run = (which: 'archive' | 'raw' | 'codes' | 'codes-raw'): Side =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname], {
        env: {
          ...process.env,
          BENCH_DOWNLOADS_SIDE: which,
          BENCH_DATABASE_URL: server.url,
          BENCH_FUNDER_ID: funderId,
          BENCH_PROGRAM_ID: programId,
          BENCH_BATCH_ID: batchId,
          BENCH_ACTOR: JSON.stringify(actor),
          BENCH_ARCHIVE_OUT: out,
          BENCH_CODES_OUT: codesOut,
        },
        encoding: 'utf8',
        maxBuffer: 2 ** 20,
      }),
    );
  log('raw: the tables read whole in one snapshot…');
  run('raw'); // warms the cache for both sides
  const raw = run('raw');
  log('the archive through the service…');
  const archive = run('archive');
  log('the printer’s file: its rows read whole, then through the service…');
  run('codes-raw');
  const codesRaw = run('codes-raw');
  const codes = run('codes');

  // The archive holds what the database holds.
  const files = unzipSync(fs.readFileSync(out));
  const lines = (name: string) => new TextDecoder().decode(files[name]!).trimEnd().split('\r\n').length - 1;
  const count = async (text: string) => Number((await q(text, [funderId])).rows[0].n);
  const expected = {
    'carnets.csv': await count('SELECT count(*) AS n FROM booklets WHERE funder_id = $1'),
    'beneficiaires.csv': await count('SELECT count(*) AS n FROM beneficiaries WHERE funder_id = $1'),
    'encaissements.csv': await count('SELECT count(*) AS n FROM redemptions WHERE funder_id = $1'),
  };
  for (const [name, n] of Object.entries(expected)) {
    if (lines(name) !== n) throw new Error(`${name}: ${lines(name)} lines, the database has ${n}`);
  }
  // And the printer's file every code of the batch, once.
  const codeLines = fs.readFileSync(codesOut, 'utf8').trimEnd().split('\n').slice(1);
  if (codeLines.length !== codesRaw.rows || new Set(codeLines).size !== codesRaw.rows) {
    throw new Error(`the printer's file has ${codeLines.length} lines, the batch ${codesRaw.rows} codes`);
  }

  const ratio = archive.seconds / raw.seconds;
  const load = os.loadavg()[0]!.toFixed(2);
  const summary = `archive_s=${archive.seconds.toFixed(2)} raw_s=${raw.seconds.toFixed(2)} ratio=${ratio.toFixed(2)} archive_peak_mib=${MiB(archive.maxRss)} raw_peak_mib=${MiB(raw.maxRss)} codes_s=${codes.seconds.toFixed(2)} codes_raw_s=${codesRaw.seconds.toFixed(2)} codes_peak_mib=${MiB(codes.maxRss)} codes_raw_peak_mib=${MiB(codesRaw.maxRss)}`;
  log(summary);
  recordResult('bench:downloads', [
    `A large funder: ${expected['carnets.csv'].toLocaleString('en')} booklets of ten passes, as many beneficiaries and ${expected['encaissements.csv'].toLocaleString('en')} redemptions in ${PLACES} places, one durable embedded PostgreSQL 15; each side in its own Node process. Load average (1 min) at the run: ${load}.`,
    `- its archive through the service (funderArchive: one snapshot, the large tables read 5,000 rows at a time, each French CSV file compressed as its rows come; the file checked line by line against the tables): ${archive.seconds.toFixed(2)} s, ${(archive.bytes / 2 ** 20).toFixed(1)} MiB of ZIP; peak resident memory ${MiB(archive.maxRss)} MiB (${MiB(archive.rssBefore)} MiB before it started)`,
    `- raw: the same tables' ${raw.rows.toLocaleString('en')} rows read whole in one snapshot, nothing formatted: ${raw.seconds.toFixed(2)} s; peak resident memory ${MiB(raw.maxRss)} MiB (${MiB(raw.rssBefore)} MiB before)`,
    `- ratio ${ratio.toFixed(2)}`,
    `- the printer's file of its issue of ${codesRaw.rows.toLocaleString('en')} passes through the service (passes.batchCodesFile: 1,000 booklets at a time, written to a file as the route streams it; every code once): ${codes.seconds.toFixed(2)} s, ${(codes.bytes / 2 ** 20).toFixed(1)} MiB; peak resident memory ${MiB(codes.maxRss)} MiB (${MiB(codes.rssBefore)} MiB before)`,
    `- raw: the same rows read whole in one query, nothing formatted: ${codesRaw.seconds.toFixed(2)} s; peak resident memory ${MiB(codesRaw.maxRss)} MiB`,
    '',
    summary,
  ]);
} finally {
  await database.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
