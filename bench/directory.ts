/**
 * bench:directory — the public directory's search with 5,000 places over 80 funders (issue 11:
 * p95 at most 50 ms). Generates the places (profiles spread over France, services, hours,
 * qualified by their funder's programme, and all of them by the demo campaign, the worst
 * case of one programme with every place), prints the plans (EXPLAIN ANALYZE) and times the
 * search through HTTP (Fastify's inject: validation, the limit per address, the query, the
 * opening hours, the answer), p50 and p95 per filter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { STANDARD_SERVICES } from '../src/core/session.js';
import { connect } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { hautsDeFranceDemoCampaign } from '../src/demo/programs.js';
import { loadDemo } from '../src/demo/seed.js';
import * as directory from '../src/modules/directory/service.js';
import * as funders from '../src/modules/funders/service.js';
import * as programs from '../src/modules/programs/service.js';
import { buildServer } from '../src/server.js';
import { siretFrom } from '../src/test/place-registration.js';
import { freePort, recordResult } from './support.js';

const PLACES = 5000;
const FUNDERS = 80;
const RUNS = Number(process.env.RUNS ?? 300);
const log = (s: string) => process.stdout.write(`${s}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-directory-'));
fs.chmodSync(dir, 0o755);
const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
const database = connect(server.url);
const db = database.db;
try {
  await runMigrations(database.pool);
  await loadDemo(db);
  const { rows: running } = await db.execute<{ id: string; funder_id: string }>(
    sql`SELECT id, funder_id FROM programs WHERE program_allows(id, current_date, 'redeem')`,
  );
  const campaign = running[0]!;
  // 79 more funders, each with a running programme (the demo campaign's founding deliberation).
  const programIds = [campaign.id];
  const funderIds = [campaign.funder_id];
  for (let i = 1; i < FUNDERS; i++) {
    const f = await db.transaction((tx) =>
      funders.insert(tx, null, {
        name: `Financeur de mesure ${i}`,
        kind: 'departement',
        siret: siretFrom(`2999${String(i).padStart(9, '0')}`),
        territory: [{ level: 'region', code: '32' }],
      }),
    );
    const { program } = await programs.create(db, null, f.id, hautsDeFranceDemoCampaign.creation);
    programIds.push(program.id);
    funderIds.push(f.id);
  }
  log(`${FUNDERS} funders, ${programIds.length} programmes`);

  // 5,000 places: communes of the Hauts-de-France, coordinates over France, 1 to 4 services.
  const communes = (
    JSON.parse(
      fs.readFileSync('node_modules/@etalab/decoupage-administratif/data/communes.json', 'utf8'),
    ) as { code: string; type: string; region?: string; codesPostaux?: string[] }[]
  )
    .filter((c) => c.type === 'commune-actuelle' && c.region === '32' && c.codesPostaux?.length)
    .slice(0, 400);
  const hours = ['Mo-Fr 09:00-17:00', 'Tu-Sa 10:00-12:30,14:00-18:00', 'Mo,We,Fr 14:00-19:00', '24/7', null];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const started = Date.now();
  for (let i = 0; i < PLACES; i++) {
    const c = communes[i % communes.length]!;
    const funderIndex = i % FUNDERS;
    const services = STANDARD_SERVICES.filter(() => random() < 0.3);
    if (services.length === 0) services.push(STANDARD_SERVICES[i % 9]!);
    await db.execute(sql`
      WITH o AS (
        INSERT INTO organisations (kind, name, commune_code) VALUES ('place', ${`Lieu de mesure ${i}`}, ${c.code})
        RETURNING id),
      r AS (INSERT INTO funder_places (funder_id, place_id)
        SELECT f, o.id FROM o, unnest(${`{${[...new Set([funderIds[funderIndex]!, campaign.funder_id])].join(',')}}`}::uuid[]) f),
      p AS (INSERT INTO place_profiles (place_id, address, postcode, latitude, longitude, opening_hours, services)
        SELECT o.id, '1 rue de la Mesure', ${c.codesPostaux![0]}, ${42.5 + random() * 8.5}, ${-4.5 + random() * 12.5},
          ${hours[i % hours.length]}, ${`{${services.map((s) => `"${s}"`).join(',')}}`}::text[] FROM o)
      INSERT INTO place_qualifications (funder_id, program_id, place_id, decision, effective_on)
        SELECT x.funder_id, x.program_id, o.id, 'approved', current_date FROM o,
          (VALUES (${funderIds[funderIndex]!}::uuid, ${programIds[funderIndex]!}::uuid),
                  (${campaign.funder_id}::uuid, ${campaign.id}::uuid)) AS x(funder_id, program_id)
        GROUP BY x.funder_id, x.program_id, o.id`);
  }
  await db.execute(sql`ANALYZE`);
  log(`${PLACES} places in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const config = {
    ...loadConfig(),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    loadDemo: false,
    directoryRatePerMinute: 1_000_000,
  };
  const app = await buildServer({ db, config });
  await app.ready();
  const service = encodeURIComponent(STANDARD_SERVICES[0]!);
  const big = campaign.id;
  const small = programIds[7]!;
  const cases: [string, string][] = [
    [
      'commune + service + open now, programme of 5,000 places',
      `/public/programs/${big}/places?commune=${communes[3]!.code}&service=${service}&openNow=true`,
    ],
    [
      'commune + service + open now, programme of 63 places',
      `/public/programs/${small}/places?commune=${communes[7]!.code}&service=${service}&openNow=true`,
    ],
    [
      '20 km around Amiens + service, programme of 5,000 places',
      `/public/programs/${big}/places?lat=49.89&lon=2.30&radiusKm=20&service=${service}`,
    ],
    [
      'service + open now, programme of 63 places (the whole list)',
      `/public/programs/${small}/places?service=${service}&openNow=true`,
    ],
  ];
  const lines: string[] = [
    `${PLACES} places over ${FUNDERS} funders; ${RUNS} searches per line, through HTTP (inject).`,
    '',
  ];
  lines.push('| search | places found | p50 ms | p95 ms |', '|---|---|---|---|');
  let worst = 0;
  for (const [label, url] of cases) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      const res = await app.inject({ method: 'GET', url: `/api/v1${url}` });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      found = res.json().places.length;
    }
    times.sort((a, b) => a - b);
    const p50 = times[Math.floor(RUNS * 0.5)]!;
    const p95 = times[Math.floor(RUNS * 0.95)]!;
    worst = Math.max(worst, p95);
    lines.push(`| ${label} | ${found} | ${p50.toFixed(1)} | ${p95.toFixed(1)} |`);
  }
  // Where the time goes: the search alone (service, no HTTP), and the HTTP path with no search
  // (the limit per address is one write to rate_windows per request).
  const direct: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = process.hrtime.bigint();
    await directory.searchPlaces(db, big, {
      commune: communes[3]!.code,
      service: STANDARD_SERVICES[0]!,
      openNow: 'true',
    });
    direct.push(Number(process.hrtime.bigint() - t0) / 1e6);
    t0 = process.hrtime.bigint();
    await app.inject({ method: 'GET', url: '/api/v1/public/config' });
    bare.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  for (const [label, times] of [
    ['the first search without HTTP (service only)', direct],
    ['GET /public/config (HTTP and the limit per address, no search)', bare],
  ] as const) {
    times.sort((a, b) => a - b);
    lines.push(
      `| ${label} | | ${times[Math.floor(RUNS * 0.5)]!.toFixed(1)} | ${times[Math.floor(RUNS * 0.95)]!.toFixed(1)} |`,
    );
  }
  // The plans, for the record: the programme's key, then the filters.
  for (const [label, where] of [
    [
      'commune + service',
      sql`o.commune_code = ${communes[3]!.code} AND f.services @> ARRAY[${STANDARD_SERVICES[0]!}]::text[]`,
    ],
    ['bounding box', sql`f.latitude BETWEEN 49.7 AND 50.08 AND f.longitude BETWEEN 2.02 AND 2.58`],
  ] as const) {
    const { rows } = await db.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, COSTS OFF, TIMING ON)
      SELECT o.id FROM program_places pp JOIN organisations o ON o.id = pp.place_id
      JOIN place_profiles f ON f.place_id = pp.place_id
      WHERE pp.program_id = ${big} AND pp.standing = 'approved' AND o.kind = 'place' AND ${where}`);
    log(`\nEXPLAIN ${label}:\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
  lines.push('', `search_p95_ms=${worst.toFixed(1)}`);
  for (const l of lines) log(l);
  recordResult('bench:directory', lines);
  await app.close();
} finally {
  await database.close();
  await server.stop();
}
