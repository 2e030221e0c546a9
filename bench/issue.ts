/**
 * bench:issue — issuing 1,000,000 passes end to end (the service: caps, serials, codes,
 * booklets, passes, audit) against a raw COPY of the same number of rows into the same
 * tables, on the same PostgreSQL in the same run. Target: ratio ≤ 2.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatePassCodes } from '../src/core/pass-code.js';
import { connect } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { hautsDeFrance, hautsDeFranceDemoCampaign } from '../src/demo/programs.js';
import * as funders from '../src/modules/funders/service.js';
import * as passes from '../src/modules/passes/service.js';
import * as programs from '../src/modules/programs/service.js';
import { freePort, recordResult } from './support.js';

const PASSES = Number(process.env.BENCH_PASSES ?? 1_000_000);
const SIZE = 10;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-issue-'));
fs.chmodSync(dir, 0o755);
// A durable server (fsync on), as in production: both sides pay the same WAL costs.
const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
const database = connect(server.url, 4);
try {
  await runMigrations(database.pool);
  const funder = await database.db.transaction((tx) =>
    funders.insert(tx, null, {
      name: 'Banc d’essai',
      kind: 'region',
      siret: '20005374200017',
      territory: [{ level: 'region', code: '32' }],
    }),
  );
  // The seed's passes with the demo campaign's calendar: a programme running today may issue.
  const state = {
    ...hautsDeFrance.creation.state,
    calendar: hautsDeFranceDemoCampaign.creation.state.calendar,
    plannedPasses: 3 * PASSES,
  };
  const mk = async () =>
    (await programs.create(database.db, null, funder.id, { ...hautsDeFrance.creation, state })).program.id;
  const [appProgram, rawProgram] = [await mk(), await mk()];

  // Raw first, so the service inserts into the larger index: the comparison leans against it.
  // The raw side: the same rows, prepared beforehand, loaded by COPY through psql.
  const batchId = randomUUID();
  await database.pool.query(
    `INSERT INTO issue_batches (id, funder_id, program_id, booklet_size, booklet_count, issued_on) VALUES ($1, $2, $3, $4, $5, current_date)`,
    [batchId, funder.id, rawProgram, SIZE, PASSES / SIZE],
  );
  const bookletIds = Array.from({ length: PASSES / SIZE }, () => randomUUID());
  const bookletsCsv = path.join(dir, 'booklets.csv');
  const passesCsv = path.join(dir, 'passes.csv');
  fs.writeFileSync(
    bookletsCsv,
    bookletIds
      .map((id, i) => `${id},${funder.id},${rawProgram},${batchId},RAW-${String(i).padStart(7, '0')},${SIZE}`)
      .join('\n'),
  );
  const codes = generatePassCodes(PASSES);
  const out = fs.createWriteStream(passesCsv);
  for (let i = 0; i < PASSES; i++)
    out.write(`${funder.id},${rawProgram},${bookletIds[Math.floor(i / SIZE)]},${codes[i]},1000\n`);
  await new Promise((r) => out.end(r));
  process.stdout.write('loading the same rows by raw COPY…\n');
  let t0 = performance.now();
  execFileSync('psql', [
    server.url,
    '-q',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    'BEGIN',
    '-c',
    `\\copy booklets (id, funder_id, program_id, batch_id, serial, size) FROM '${bookletsCsv}' CSV`,
    '-c',
    `\\copy passes (funder_id, program_id, booklet_id, code, face_value_cents) FROM '${passesCsv}' CSV`,
    '-c',
    'COMMIT',
  ]);
  const rawS = (performance.now() - t0) / 1000;
  process.stdout.write(`issuing ${PASSES.toLocaleString('en')} passes through the service…\n`);
  let rssPeak = process.memoryUsage().rss;
  t0 = performance.now();
  await passes.issue(
    database.db,
    null,
    appProgram,
    { bookletCount: PASSES / SIZE, bookletSize: SIZE },
    () => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    },
  );
  const issueS = (performance.now() - t0) / 1000;

  const ratio = issueS / rawS;
  const { rows } = await database.pool.query(
    'SELECT program_id, count(*)::int AS n FROM passes GROUP BY program_id',
  );
  if (rows.length !== 2 || rows.some((r) => r.n !== PASSES))
    throw new Error(`unexpected pass counts ${JSON.stringify(rows)}`);
  const line = `issue_s=${issueS.toFixed(2)} raw_s=${rawS.toFixed(2)} ratio=${ratio.toFixed(2)}`;
  recordResult('bench:issue', [
    `Issuing ${PASSES.toLocaleString('en')} passes (${(PASSES / SIZE).toLocaleString('en')} booklets of ${SIZE}) through the service, against psql \\copy of the same rows into the same tables, one durable embedded PostgreSQL 15.`,
    `- service: ${issueS.toFixed(2)} s (${Math.round(PASSES / issueS).toLocaleString('en')} passes/s), peak process RSS while issuing ${Math.round(rssPeak / 2 ** 20)} MiB (the codes of the batch are held in memory)`,
    `- raw COPY: ${rawS.toFixed(2)} s`,
    `- ratio ${ratio.toFixed(2)} (target ≤ 2): ${ratio <= 2 ? 'met' : 'NOT met'}`,
    '',
    line,
  ]);
  process.stdout.write(`${line}\n`);
} finally {
  await database.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
