/**
 * bench:redeem — redemptions per second and p99 latency of POST /api/v1/redemptions (the
 * real server: API-key auth, zod, the redemption batcher and redeem_passes with its nonce
 * check, conditional update, redemption row, ledger movement and audit entry), wrk's
 * keep-alive clients, against pgbench running the bare conditional UPDATE of one pass on
 * the same number of clients, on the same durable PostgreSQL in the same run.
 * Target: ratio ≥ 0.5.
 *
 * It is measured at several loads (numbers of clients, each with one request in flight),
 * because the answer depends on it: with few clients each request waits on its own round
 * trips, and the HTTP side has two (wrk → Node → PostgreSQL) where pgbench has one; with
 * many, pgbench's backends (one per client) crowd the cores while the server's pool and
 * batches do not. The last line is the reference load, 32 clients: concurrent, yet few
 * enough that the raw side still runs near its best (RESULTS.md also compares the HTTP rate
 * there with the raw database's best rate at any load). Every load's figures are in
 * bench/RESULTS.md, the ones that miss the target too.
 *
 * At each load the sides alternate in rounds (raw, HTTP, raw, HTTP…), so that a drift of
 * the machine (other work on its cores, the disk's flush latency) falls on both alike.
 *
 * Settings: BENCH_CLIENTS (loads, default 8,16,32,64), BENCH_REFERENCE (the load of the
 * last line, default 32, one of BENCH_CLIENTS), BENCH_PASSES (default 1,000,000),
 * BENCH_SECONDS (9 measured seconds per side and load), BENCH_ROUNDS (3, so 3 s rounds),
 * BENCH_WARMUP (2 s per side and load before its rounds, not counted), BENCH_PLACES (the places
 * whose software sends the requests, one API key each, taken in turn, default 8).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { STANDARD_SERVICES } from '../src/core/session.js';
import { connect } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { sessionThemes } from '../src/modules/place-profiles/service.js';
import { buildServer } from '../src/server.js';
import { findTool, flushMicros, runPgbench } from './pgbench.js';
import { prepareBenchPasses } from './redeem-setup.js';
import { freePort, recordResult } from './support.js';
import { runWrk } from './wrk.js';

const positive = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
};
const int = (name: string, fallback: number) => positive(name, process.env[name] ?? String(fallback));
const LEVELS = (process.env.BENCH_CLIENTS ?? '8,16,32,64')
  .split(',')
  .map((s) => positive('BENCH_CLIENTS', s));
const REFERENCE = int('BENCH_REFERENCE', 32);
if (!LEVELS.includes(REFERENCE)) throw new Error('BENCH_REFERENCE must be one of BENCH_CLIENTS');
const PASSES = int('BENCH_PASSES', 1_000_000);
const SECONDS = int('BENCH_SECONDS', 9);
const ROUNDS = int('BENCH_ROUNDS', 3);
const WARMUP = int('BENCH_WARMUP', 2);
// Several places, as a busy day of a programme, or a vendor's server redeeming for many
// places: a place may have at most as many code lookups in flight as it has guesses left
// (20), and one place for 64 clients would measure that guard rather than redemption.
const PLACES = int('BENCH_PLACES', 8);
const SIZE = 10;
if (PASSES % SIZE !== 0) throw new Error(`BENCH_PASSES must be a multiple of ${SIZE}`);
// pgbench -T takes whole seconds.
if (SECONDS % ROUNDS !== 0) throw new Error('BENCH_SECONDS must be a multiple of BENCH_ROUNDS');
const ROUND_S = SECONDS / ROUNDS;
/** Redemptions per redeem_passes call when the database's share is measured alone. */
const BATCH = 8;
/** Clients when the database's share is measured alone. */
const DIRECT_CLIENTS = 8;

const log = (s: string) => process.stdout.write(`${s}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en');

const pgbench = findTool('pgbench', 'postgresql-15');
const wrk = findTool('wrk', 'wrk');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-redeem-'));
fs.chmodSync(dir, 0o755);
// A durable server (fsync on), as in production: both sides pay the same WAL flushes.
const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
// The server's own pool, as `npm start` opens it, whatever the number of clients (the
// audit sealer shares it).
const database = connect(server.url);
const { db, pool } = database;
let app: Awaited<ReturnType<typeof buildServer>> | undefined;
try {
  await runMigrations(pool);
  const { placeId, keys, today, rows } = await prepareBenchPasses(db, pool, PASSES, SIZE, log, PLACES);
  const one = async <T>(text: string, values: unknown[] = []) =>
    (await pool.query(text, values)).rows[0] as T;
  // In id order: 35 % for HTTP (by code), 10 % for the redemptions sent straight to
  // PostgreSQL, the rest for the raw updates (by id).
  const httpShare = Math.floor(PASSES * 0.35);
  const directShare = Math.floor(PASSES * 0.1);
  const rawFirst = httpShare + directShare;
  const rawShare = PASSES - rawFirst;
  const httpCodes = rows.slice(0, httpShare).map((r) => r.code);
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
  const pgbenchRun = (clients: number) => ({
    bin: pgbench,
    url: server.url,
    clients,
    threads: Math.min(clients, os.cpus().length),
  });
  let rawNext = rows[rawFirst]!.id;
  // The raw share divided in proportion to time between every load's warm-up and rounds.
  const rawSpan = (seconds: number) =>
    Math.floor((rawShare * seconds) / (LEVELS.length * (WARMUP + SECONDS)));
  const runRaw = async (clients: number, seconds: number) => {
    const base = rawNext;
    const stride = Math.floor(rawSpan(seconds) / clients);
    rawNext += stride * clients;
    const { processed: n, tps } = runPgbench({
      ...pgbenchRun(clients),
      script,
      seconds,
      vars: { base, stride, n: 0 },
    });
    // Every transaction must have redeemed a pass: no cheap zero-row updates.
    if (n > stride * clients)
      throw new Error(`pgbench ran past its ${fmt(stride * clients)} passes: raise BENCH_PASSES`);
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
         ${fill('now()', 'timestamptz')}, ${fill(`'${today}'`, 'date')}, ${fill("'bench'", 'text')});`.replace(
        /\n\s+/g,
        ' ',
      ),
      '',
    ].join('\n'),
  );
  const runDirect = async (seconds: number) => {
    const base = rows[httpShare]!.id;
    const stride = Math.floor(directShare / DIRECT_CLIENTS / BATCH) * BATCH;
    const { processed, tps } = runPgbench({
      ...pgbenchRun(DIRECT_CLIENTS),
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
  // One wrk thread drives the connections: on two cores shared with the server and
  // PostgreSQL, a second thread cost more than it brought (1,538 against 2,110 redemptions/s).
  const wrkThreads = 1;
  let httpNext = 0;
  // The themes every place of the bench offers: the Médiathèque's, which it declares (its own
  // places declare none, so take all nine); another is refused (theme_not_offered).
  const mediatheque = await one<{ id: string }>(
    `SELECT id FROM organisations WHERE name = 'Médiathèque Louis Aragon'`,
  );
  const themes = await sessionThemes(db, mediatheque.id);
  let created = 0;
  const runHttp = async (clients: number, seconds: number) => {
    fs.writeFileSync(codesFile, httpCodes.slice(httpNext).join('\n'));
    const before = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM redemptions WHERE nonce LIKE 'bench-%'`,
    );
    const r = await runWrk({
      bin: wrk,
      port: httpPort,
      clients,
      threads: wrkThreads,
      seconds,
      env: { CODES: codesFile, API_KEYS: keys.join('|'), THEMES: themes.join('|') },
    });
    if (r.exhausted)
      throw new Error(`the HTTP side used all its ${fmt(httpShare)} codes: raise BENCH_PASSES`);
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
    if (rowsAdded < n || rowsAdded > n + clients)
      throw new Error(`${n} responses 201 but ${rowsAdded} redemptions recorded`);
    return { redeemed: n, seconds: r.seconds, p50: r.p50Ms, p99: r.p99Ms };
  };

  /** One load: warm-up of each side, then alternating rounds. */
  const measure = async (clients: number) => {
    log(`${clients} clients: warm-up, pgbench then HTTP, ${WARMUP} s each…`);
    await checkpoint();
    await runRaw(clients, WARMUP);
    await checkpoint();
    await runHttp(clients, WARMUP);
    const raw = { processed: 0, seconds: 0 };
    const http = { redeemed: 0, seconds: 0, p50: [] as number[], p99: [] as number[] };
    const rounds: string[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      await checkpoint();
      const rr = await runRaw(clients, ROUND_S);
      raw.processed += rr.processed;
      raw.seconds += rr.seconds;
      await checkpoint();
      const hr = await runHttp(clients, ROUND_S);
      http.redeemed += hr.redeemed;
      http.seconds += hr.seconds;
      http.p50.push(hr.p50);
      http.p99.push(hr.p99);
      rounds.push(
        `raw ${(rr.processed / rr.seconds).toFixed(0)}/s, HTTP ${(hr.redeemed / hr.seconds).toFixed(0)}/s`,
      );
    }
    const rate = http.redeemed / http.seconds;
    const rawRate = raw.processed / raw.seconds;
    // wrk keeps a histogram per run: the rounds' worst percentiles stand for the whole.
    const level = {
      clients,
      rate,
      rawRate,
      ratio: rate / rawRate,
      p50: Math.max(...http.p50),
      p99: Math.max(...http.p99),
      rounds,
    };
    log(
      `${clients} clients: HTTP ${rate.toFixed(1)}/s (p99 ${level.p99.toFixed(1)} ms), raw ${rawRate.toFixed(1)}/s, ratio ${level.ratio.toFixed(2)}`,
    );
    return level;
  };

  const flushBefore = flushMicros(dir);
  const levels = [];
  for (const clients of LEVELS) levels.push(await measure(clients));
  const flushAfter = flushMicros(dir);
  log(
    `the database's share alone: pgbench, ${BATCH} redemptions per call, ${DIRECT_CLIENTS} clients, ${ROUND_S} s…`,
  );
  await checkpoint();
  const direct = await runDirect(ROUND_S);
  const directRate = direct.redeemed / direct.seconds;

  const met = (ratio: number) => (ratio >= 0.5 ? 'met' : 'NOT met');
  const last = levels.find((l) => l.clients === REFERENCE)!;
  const rawBest = levels.reduce((best, l) => (l.rawRate > best.rawRate ? l : best));
  const missed =
    levels
      .filter((l) => l.ratio < 0.5)
      .map((l) => `${l.clients} clients (${l.ratio.toFixed(2)})`)
      .join(', ') || 'none';
  const line = `redeem/s=${last.rate.toFixed(1)} raw/s=${last.rawRate.toFixed(1)} ratio=${last.ratio.toFixed(2)} p99_ms=${last.p99.toFixed(1)}`;
  recordResult('bench:redeem', [
    'Redeeming passes through `POST /api/v1/redemptions` (the real Fastify server in process, ' +
      `the requests of ${PLACES} places, one API key each, taken in turn` +
      ", the redemption batcher: requests arriving together share one `redeem_passes` statement and one commit, each with its nonce check, conditional update, redemption row, two ledger postings and audit entry; the background audit sealer running), against pgbench running the bare conditional UPDATE of one pass (`UPDATE passes SET status = 'redeemed', redeemed_at = now() WHERE id = :id AND status = 'active'`, by primary key, simple protocol: the least the database must do per redemption), one durable embedded PostgreSQL 15 (fsync on), same run.",
    `- The same number of clients on each side, each with one request in flight, at ${LEVELS.join(', ')} clients. HTTP: wrk (C, keep-alive) with ${wrkThreads} thread; the server's own pool of ${pool.options.max} connections. pgbench: -c clients, -j up to ${os.cpus().length}, one backend per client. Everything (Node, PostgreSQL, wrk, pgbench) shares the machine's ${os.cpus().length} cores.`,
    `- At each load: ${WARMUP} s warm-up per side, then ${ROUNDS} alternating rounds of ${ROUND_S} s (raw then HTTP), ${SECONDS} s measured per side; a CHECKPOINT before every phase.`,
    `- The disk's flush of one 8 kB write (pg_test_fsync, fdatasync, in the bench's directory): ${flushBefore} µs before the loads, ${flushAfter} µs after. A durable commit waits for one; the dearer it is, the more a batch sharing one commit gains on single-row updates.`,
    `- ${fmt(PASSES)} funded, handed-out passes (booklets handed out in bulk SQL: the bench measures redemption, not hand-out), 35 % for HTTP, 10 % for the database's share alone, the rest for raw, each pass redeemed at most once: every HTTP response was a 201 (${fmt(created)} in all, each with its redemption row) and every pgbench transaction redeemed one pass.`,
    '',
    '| clients | HTTP redemptions/s | p50 ms | p99 ms | raw updates/s | ratio | target ≥ 0.5 | rounds |',
    '|---:|---:|---:|---:|---:|---:|---|---|',
    ...levels.map(
      (l) =>
        `| ${l.clients} | ${l.rate.toFixed(1)} | ${l.p50.toFixed(1)} | ${l.p99.toFixed(1)} | ${l.rawRate.toFixed(1)} | ${l.ratio.toFixed(2)} | ${met(l.ratio)} | ${l.rounds.join('; ')} |`,
    ),
    '',
    `- The database's share alone, for comparison: the same redemptions sent straight to PostgreSQL by pgbench, ${BATCH} per \`redeem_passes\` call (no HTTP, no Node), ${DIRECT_CLIENTS} clients, ${ROUND_S} s after the loads: ${directRate.toFixed(1)} redemptions/s.`,
    `- The last line is the reference load, ${last.clients} clients: ratio ${last.ratio.toFixed(2)}, ${met(last.ratio)}. Against the raw database's best rate at any load (${rawBest.rawRate.toFixed(1)} updates/s at ${rawBest.clients} clients), the HTTP rate there is ${(last.rate / rawBest.rawRate).toFixed(2)}. Loads where the target is not met: ${missed}. docs/architecture.md ("What bounds redemption throughput") says why the ratio moves with the load.`,
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
