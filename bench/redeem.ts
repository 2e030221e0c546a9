/**
 * bench:redeem — redemptions per second and p99 latency of POST /api/v1/redemptions (the
 * real server: API-key auth, zod, the redemption batcher and redeem_passes with its nonce
 * check, conditional update, redemption row, ledger movement and audit entry), wrk's
 * keep-alive clients, against
 * pgbench running the bare conditional UPDATE of one pass on the same number of clients,
 * on the same durable PostgreSQL in the same run. Target: ratio ≥ 0.5.
 *
 * The sides alternate in rounds (raw, HTTP, raw, HTTP…), so that a drift of the machine
 * (other work on its cores, the disk's flush latency) falls on both alike.
 *
 * Settings: BENCH_PASSES (default 500,000, half for each side), BENCH_CLIENTS (8),
 * BENCH_SECONDS (15 measured seconds per side), BENCH_ROUNDS (3, so 5 s rounds),
 * BENCH_WARMUP (3 s per side before the rounds, not counted).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { businessDate } from '../src/core/dates.js';
import { STANDARD_SERVICES } from '../src/core/session.js';
import { connect } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { hautsDeFranceDemoCampaign } from '../src/demo/programs.js';
import { loadDemo } from '../src/demo/seed.js';
import * as finance from '../src/modules/finance/service.js';
import * as passes from '../src/modules/passes/service.js';
import * as places from '../src/modules/places/service.js';
import * as programs from '../src/modules/programs/service.js';
import { buildServer } from '../src/server.js';
import { findTool, runPgbench } from './pgbench.js';
import { freePort, recordResult } from './support.js';
import { runWrk } from './wrk.js';

const int = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
};
const PASSES = int('BENCH_PASSES', 500_000);
const CLIENTS = int('BENCH_CLIENTS', 8);
const SECONDS = int('BENCH_SECONDS', 15);
const ROUNDS = int('BENCH_ROUNDS', 3);
const WARMUP = int('BENCH_WARMUP', 3);
const SIZE = 10;
if (PASSES % (4 * SIZE) !== 0) throw new Error(`BENCH_PASSES must be a multiple of ${4 * SIZE}`);
// pgbench -T takes whole seconds.
if (SECONDS % ROUNDS !== 0) throw new Error('BENCH_SECONDS must be a multiple of BENCH_ROUNDS');
const ROUND_S = SECONDS / ROUNDS;

const log = (s: string) => process.stdout.write(`${s}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

const pgbench = findTool('pgbench', 'postgresql-15');
const wrk = findTool('wrk', 'wrk');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-redeem-'));
fs.chmodSync(dir, 0o755);
// A durable server (fsync on), as in production: both sides pay the same WAL flushes.
const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
// One pool for setup and the HTTP server, as many connections as clients (the audit sealer shares it).
const database = connect(server.url, CLIENTS);
const { db, pool } = database;
let app: Awaited<ReturnType<typeof buildServer>> | undefined;
try {
  await runMigrations(pool);
  log('loading the demo…');
  await loadDemo(db);
  const one = async <T>(text: string, values: unknown[] = []) =>
    (await pool.query(text, values)).rows[0] as T;
  const { id: funderId } = await one<{ id: string }>(
    `SELECT id FROM funders WHERE name = 'Région Hauts-de-France'`,
  );
  const { id: placeId } = await one<{ id: string }>(
    `SELECT id FROM organisations WHERE name = 'Médiathèque Louis Aragon'`,
  );

  // The demo campaign (running today, usable to the end of 2027) with room for the bench's passes.
  const creation = hautsDeFranceDemoCampaign.creation;
  const state = { ...creation.state, name: 'Banc d’essai des encaissements', plannedPasses: PASSES };
  const { program } = await programs.create(db, null, funderId, {
    ...creation,
    legal: { ...creation.legal, number: 'BENCH-REDEEM' },
    state,
  });
  log(`issuing and funding ${fmt(PASSES)} passes…`);
  await passes.issue(db, null, program.id, { bookletCount: PASSES / SIZE, bookletSize: SIZE });
  const funded = await finance.recordFunding(db, null, program.id, {
    payer: 'Région Hauts-de-France',
    amountCents: PASSES * state.faceValueCents,
    receivedOn: businessDate(),
    reference: 'Banc d’essai',
  });
  if (funded.activatedPasses !== PASSES) throw new Error(`activated ${funded.activatedPasses} passes`);
  await places.acceptProgram(db, null, program.id, placeId);
  const { key } = await places.createKey(db, null, placeId, 'Banc d’essai des encaissements');

  // The bench measures redemption, not hand-out: every booklet goes to one person in bulk SQL,
  // with what the hand-out service would set (beneficiary, day, passes valid to the usage end).
  const today = businessDate();
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const person = await c.query(
      `INSERT INTO beneficiaries (funder_id, first_name, last_name, birth_date, commune_code, audience)
       VALUES ($1, 'Banc', 'd’essai', '1980-01-01', '80021', 'demandeur_emploi') RETURNING id`,
      [funderId],
    );
    await c.query(
      `UPDATE booklets SET status = 'handed_out', holder_id = NULL, beneficiary_id = $2, handed_out_on = $3
        WHERE program_id = $1`,
      [program.id, person.rows[0].id, today],
    );
    const { rowCount } = await c.query(
      `UPDATE passes SET valid_from = $2, valid_until = $3 WHERE program_id = $1 AND status = 'active'`,
      [program.id, today, state.calendar.usageEnd],
    );
    if (rowCount !== PASSES) throw new Error(`${rowCount} passes made valid`);
    await c.query('COMMIT');
  } catch (error) {
    await c.query('ROLLBACK');
    throw error;
  } finally {
    c.release();
  }

  // In id order: a quarter for HTTP (by code), a quarter for the redemptions sent straight to
  // PostgreSQL, half for the raw updates (by id).
  const { rows } = await pool.query<{ id: number; code: string }>(
    'SELECT id, code FROM passes WHERE program_id = $1 ORDER BY id',
    [program.id],
  );
  const [quarter, half] = [PASSES / 4, PASSES / 2];
  const httpCodes = rows.slice(0, quarter).map((r) => r.code);
  if (rows[PASSES - 1]!.id - rows[quarter]!.id !== PASSES - quarter - 1)
    throw new Error('the pgbench passes have a gap in their ids');

  // Dead tuples of the bulk hand-out gone and statistics fresh before anything is measured.
  await pool.query('VACUUM ANALYZE passes');
  await pool.query('VACUUM ANALYZE booklets');
  // Each phase starts from a checkpoint: both sides pay the same full-page writes after it.
  const checkpoint = () => pool.query('CHECKPOINT');

  // ---- Raw side: each pgbench client walks its own stretch of ids (the :n counter lives
  // as long as the client), so every UPDATE finds an active pass to redeem.
  const script = path.join(dir, 'redeem.sql');
  fs.writeFileSync(
    script,
    [
      '\\set id :base + :client_id * :stride + (:n % :stride)',
      '\\set n :n + 1',
      "UPDATE passes SET status = 'redeemed', redeemed_at = now() WHERE id = :id AND status = 'active';",
      '',
    ].join('\n'),
  );
  const threads = Math.min(CLIENTS, os.cpus().length);
  const pgbenchRun = { bin: pgbench, url: server.url, clients: CLIENTS, threads };
  let rawNext = rows[half]!.id;
  // The raw half shared in proportion to time between the warm-up and the rounds.
  const rawSpan = (seconds: number) => Math.floor((half * seconds) / (WARMUP + SECONDS));
  const runRaw = async (seconds: number) => {
    const base = rawNext;
    const stride = Math.floor(rawSpan(seconds) / CLIENTS);
    rawNext += stride * CLIENTS;
    const { processed: n, tps } = runPgbench({
      ...pgbenchRun,
      script,
      seconds,
      vars: { base, stride, n: 0 },
    });
    // Every transaction must have redeemed a pass: no cheap zero-row updates.
    if (n > stride * CLIENTS)
      throw new Error(`pgbench ran past its ${fmt(stride * CLIENTS)} passes: raise BENCH_PASSES`);
    const updated = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM passes WHERE id >= $1 AND id < $2 AND status = 'redeemed'`,
      [base, rawNext],
    );
    // Fewer passes than transactions: a client wrapped round its stretch (zero-row updates).
    if (updated.n !== n)
      throw new Error(
        `pgbench: ${n} transactions but ${updated.n} passes redeemed (a client ran past its ${fmt(stride)} passes): raise BENCH_PASSES`,
      );
    return { processed: n, seconds: n / tps };
  };

  // ---- The database's share alone: the same redemptions, eight per redeem_passes call as
  // the batcher sends them under load, straight from pgbench (no HTTP, no Node).
  const BATCH = 8;
  const directScript = path.join(dir, 'redeem-direct.sql');
  const fill = (value: string, type: string) => `array_fill(${value}::${type}, ARRAY[${BATCH}])`;
  fs.writeFileSync(
    directScript,
    [
      `\\set id0 :base + :client_id * :stride + ${BATCH} * (:n % (:stride / ${BATCH}))`,
      '\\set n :n + 1',
      `SELECT count(*) FROM redeem_passes(${fill(`'${placeId}'`, 'uuid')},
         ARRAY(SELECT code FROM passes WHERE id BETWEEN :id0 AND :id0 + ${BATCH - 1} ORDER BY id),
         ARRAY(SELECT 'direct-' || g FROM generate_series(:id0, :id0 + ${BATCH - 1}) g),
         ${fill(`'${STANDARD_SERVICES[0].replaceAll("'", "''")}'`, 'text')}, ${fill('60', 'int')}, ${fill("'individual'", 'text')},
         ${fill('NULL', 'uuid')}, ${fill('NULL', 'uuid')}, ${fill("'pgbench'", 'text')},
         ${fill('now()', 'timestamptz')}, ${fill(`'${today}'`, 'date')});`.replace(/\n\s+/g, ' '),
      '',
    ].join('\n'),
  );
  const runDirect = async (seconds: number) => {
    const base = rows[quarter]!.id;
    const stride = Math.floor(quarter / CLIENTS / BATCH) * BATCH;
    const { processed, tps } = runPgbench({
      ...pgbenchRun,
      script: directScript,
      seconds,
      vars: { base, stride, n: 0 },
    });
    const made = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM redemptions WHERE nonce LIKE 'direct-%'`,
    );
    // Fewer rows than calls × 8: a client wrapped round its stretch and redeemed nothing.
    if (made.n !== processed * BATCH)
      throw new Error(`direct: ${processed} calls but ${made.n} redemptions: raise BENCH_PASSES`);
    return { redeemed: made.n, seconds: processed / tps };
  };

  // ---- HTTP side: the real server in this process, wrk in its own (C, keep-alive, like pgbench).
  const config = { ...loadConfig(), port: 0, host: '127.0.0.1', logLevel: 'silent', loadDemo: false };
  app = await buildServer({ db, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const httpPort = (app.server.address() as { port: number }).port;
  const codesFile = path.join(dir, 'codes.txt');
  // One wrk thread drives the eight connections: on two cores shared with the server and
  // PostgreSQL, a second thread cost more than it brought (1,538 against 2,110 redemptions/s).
  const wrkThreads = 1;
  let httpNext = 0;
  let created = 0;
  const runHttp = async (seconds: number) => {
    fs.writeFileSync(codesFile, httpCodes.slice(httpNext).join('\n'));
    const before = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM redemptions WHERE nonce LIKE 'bench-%'`,
    );
    const r = await runWrk({
      bin: wrk,
      port: httpPort,
      clients: CLIENTS,
      threads: wrkThreads,
      seconds,
      env: { CODES: codesFile, API_KEY: key, THEMES: STANDARD_SERVICES.join('|') },
    });
    if (r.exhausted) throw new Error(`the HTTP side used all its ${fmt(quarter)} codes: raise BENCH_PASSES`);
    if (r.others) throw new Error(`${r.others} responses were not 201 (wrk printed the first ones)`);
    httpNext += r.consumed;
    created += r.created;
    const n = r.created;
    // Every 201 has its redemption row; requests still in flight when wrk stopped may add
    // at most one row per connection, answered to nobody.
    const after = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM redemptions WHERE nonce LIKE 'bench-%'`,
    );
    const rowsAdded = after.n - before.n;
    if (rowsAdded < n || rowsAdded > n + CLIENTS)
      throw new Error(`${n} responses 201 but ${rowsAdded} redemptions recorded`);
    return { redeemed: n, seconds: r.seconds, p50: r.p50Ms, p99: r.p99Ms };
  };

  log(`warm-up: pgbench then HTTP, ${WARMUP} s each, ${CLIENTS} clients…`);
  await checkpoint();
  await runRaw(WARMUP);
  await checkpoint();
  await runHttp(WARMUP);
  const raw = { processed: 0, seconds: 0 };
  const http = { redeemed: 0, seconds: 0, p50: [] as number[], p99: [] as number[] };
  const rounds: string[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    await checkpoint();
    const rr = await runRaw(ROUND_S);
    raw.processed += rr.processed;
    raw.seconds += rr.seconds;
    await checkpoint();
    const hr = await runHttp(ROUND_S);
    http.redeemed += hr.redeemed;
    http.seconds += hr.seconds;
    http.p50.push(hr.p50);
    http.p99.push(hr.p99);
    const round = `round ${r}: raw ${(rr.processed / rr.seconds).toFixed(1)}/s, HTTP ${(hr.redeemed / hr.seconds).toFixed(1)}/s (p99 ${hr.p99.toFixed(1)} ms)`;
    rounds.push(round);
    log(round);
  }
  log(`the database's share alone: pgbench, ${BATCH} redemptions per call, ${ROUND_S} s…`);
  await checkpoint();
  const direct = await runDirect(ROUND_S);
  const directRate = direct.redeemed / direct.seconds;
  // wrk keeps a histogram per run: the rounds' worst p99 stands for the whole.
  const [p50, p99] = [Math.max(...http.p50), Math.max(...http.p99)];
  const rate = http.redeemed / http.seconds;
  const rawRate = raw.processed / raw.seconds;
  const ratio = rate / rawRate;
  const line = `redeem/s=${rate.toFixed(1)} raw/s=${rawRate.toFixed(1)} ratio=${ratio.toFixed(2)} p99_ms=${p99.toFixed(1)}`;
  recordResult('bench:redeem', [
    "Redeeming passes through `POST /api/v1/redemptions` (the real Fastify server in process, API key, the redemption batcher: requests arriving together share one `redeem_passes` statement and one commit, each with its nonce check, conditional update, redemption row, two ledger postings and audit entry; the background audit sealer running), against pgbench running the bare conditional UPDATE of one pass (`UPDATE passes SET status = 'redeemed', redeemed_at = now() WHERE id = :id AND status = 'active'`, by primary key, simple protocol: the least the database must do per redemption), one durable embedded PostgreSQL 15 (fsync on), same run.",
    `- ${CLIENTS} clients on each side. HTTP: wrk (C, keep-alive) with ${wrkThreads} thread, server pool of ${CLIENTS} connections. pgbench: -c ${CLIENTS} -j ${threads}. Everything (Node, PostgreSQL, wrk, pgbench) shares the machine's ${os.cpus().length} cores.`,
    `- ${WARMUP} s warm-up per side, then ${ROUNDS} alternating rounds of ${ROUND_S} s (raw then HTTP), ${SECONDS} s measured per side; a CHECKPOINT before every phase.`,
    `- ${fmt(PASSES)} funded, handed-out passes (booklets handed out in bulk SQL: the bench measures redemption, not hand-out), a quarter for HTTP, a quarter for the database's share alone, half for raw, each pass redeemed at most once: every HTTP response was a 201 (${fmt(created)} in all, each with its redemption row) and every pgbench transaction redeemed one pass.`,
    `- HTTP: ${rate.toFixed(1)} redemptions/s, latency p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
    `- raw: ${rawRate.toFixed(1)} updates/s`,
    `- the database's share alone, for comparison: the same redemptions sent straight to PostgreSQL by pgbench, ${BATCH} per \`redeem_passes\` call (no HTTP, no Node), ${CLIENTS} clients, ${ROUND_S} s after the rounds: ${directRate.toFixed(1)} redemptions/s, ${(directRate / rawRate).toFixed(2)} of raw`,
    `- ${rounds.join('; ')}`,
    `- ratio ${ratio.toFixed(2)} (target ≥ 0.5): ${ratio >= 0.5 ? 'met' : 'NOT met'}`,
    '',
    line,
  ]);
  log(line);
} catch (error) {
  process.exitCode = 1;
  throw error;
} finally {
  await app?.close();
  await database.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
