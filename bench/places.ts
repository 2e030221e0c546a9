/**
 * bench:places — issue 11, point 6.
 * 1. Importing 5,000 places in the national standard through the service (streamed CSV parse,
 *    checks, batched writes, audit) against a raw COPY of the same rows into the same tables
 *    (organisations, funder_places, place_profiles), on the same PostgreSQL, in BENCH_ROUNDS
 *    (3) alternating rounds of other places each; the medians compared. Target: ratio ≤ 3.
 * 2. The public directory's search (commune + service + open now) over 5,000 places shared by
 *    80 funders: p95 of many requests to GET /api/v1/public/programs/{programId}/places.
 *    Target: p95 ≤ 50 ms. Every search names a place's own commune and one of its services, and
 *    the generated hours include the bench's hour (Paris time): "open now" is measured on answers
 *    that find places, whatever the hour of the run (a run at 21:00 once found none, all closed).
 *    The directory's route is built in another branch: when it is absent, this says so and
 *    measures the import only.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { hautsDeFrance, hautsDeFranceDemoCampaign } from '../src/demo/programs.js';
import * as funders from '../src/modules/funders/service.js';
import {
  generatedPlaces,
  generatedRows,
  hoursAround,
  siretOf,
} from '../src/modules/place-standard/fixtures/generate.js';
import { recordsOf } from '../src/modules/place-standard/read.js';
import * as standard from '../src/modules/place-standard/service.js';
import { readStandardRow } from '../src/modules/place-standard/standard.js';
import * as programs from '../src/modules/programs/service.js';
import { buildServer } from '../src/server.js';
import { freePort, recordResult } from './support.js';

const PLACES = Number(process.env.BENCH_PLACES ?? 5000);
const FUNDERS = 80;
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 1000);
const SEARCH_ROUTE = '/api/v1/public/programs/:programId/places';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (xs: number[]) => xs.map((x) => `${x.toFixed(2)} s`).join(', ');
const log = (s: string) => process.stdout.write(`${s}\n`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-bench-places-'));
fs.chmodSync(dir, 0o755);
process.env.DATA_DIR = dir;
// A durable server (fsync on), as in production: both sides pay the same WAL costs.
const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
const database = connect(server.url, 4);
let app: Awaited<ReturnType<typeof buildServer>> | undefined;
const pgArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

// Generated hours that include the bench's hour, so that "open now" finds places at any hour.
const HOURS = hoursAround(new Date());

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? pgArray(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

// The machine is shared: the load beside the figures says how far to trust them (compare ratios of one run).
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const loadAtStart = load();

try {
  await runMigrations(database.pool);
  const config = {
    ...loadConfig(),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent' as const,
    loadDemo: false,
  };
  // Every search comes from its own address, as the public's do: the limit per address stays out of the way.
  app = await buildServer({ db: database.db, config: { ...config, trustProxy: ['127.0.0.1'] } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  log(`creating ${FUNDERS} funders, each with a programme…`);
  const state = {
    ...hautsDeFrance.creation.state,
    calendar: hautsDeFranceDemoCampaign.creation.state.calendar,
  };
  const funderIds: string[] = [];
  const programIds: string[] = [];
  for (let i = 0; i < FUNDERS; i++) {
    const f = await database.db.transaction((tx) =>
      funders.insert(tx, null, {
        name: `Financeur de banc d’essai ${i}`,
        kind: 'epci',
        siret: siretOf(800_000 + i),
        territory: [],
      }),
    );
    funderIds.push(f.id);
    programIds.push(
      (await programs.create(database.db, null, f.id, { ...hautsDeFrance.creation, state })).program.id,
    );
  }

  // The raw side: the same places (other ids and SIRETs, the same content), read beforehand into
  // the tables' rows, loaded by psql \copy in one transaction. First in each round, so that the
  // service writes into the larger indexes: the comparison leans against the service.
  function rawLoad(round: number): number {
    const rawFunder = funderIds[2 * round + 1]!;
    const orgCsv = path.join(dir, `organisations-${round}.csv`);
    const rosterCsv = path.join(dir, `funder_places-${round}.csv`);
    const profileCsv = path.join(dir, `place_profiles-${round}.csv`);
    const org: string[] = [];
    const roster: string[] = [];
    const profile: string[] = [];
    for (const row of generatedRows(PLACES, 1_000_000 + round * PLACES, HOURS)) {
      const read = readStandardRow(row);
      if (!read.ok) throw new Error('generated row refused');
      const id = crypto.randomUUID();
      const p = read.place;
      org.push([id, 'place', p.name, p.siret, read.commune.inseeCode].map(csvCell).join(','));
      roster.push(`${rawFunder},${id}`);
      profile.push(
        [
          id,
          p.address,
          p.postcode,
          p.latitude,
          p.longitude,
          p.openingHours,
          p.services,
          p.accessModes,
          p.phone,
          p.emails,
          read.source,
          read.externalId,
        ]
          .map(csvCell)
          .join(','),
      );
    }
    fs.writeFileSync(orgCsv, org.join('\n'));
    fs.writeFileSync(rosterCsv, roster.join('\n'));
    fs.writeFileSync(profileCsv, profile.join('\n'));
    log(`round ${round + 1}: loading ${PLACES} places by raw COPY…`);
    const t0 = performance.now();
    execFileSync('psql', [
      server.url,
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      'BEGIN',
      '-c',
      `\\copy organisations (id, kind, name, siret, commune_code) FROM '${orgCsv}' CSV`,
      '-c',
      `\\copy funder_places (funder_id, place_id) FROM '${rosterCsv}' CSV`,
      '-c',
      `\\copy place_profiles (place_id, address, postcode, latitude, longitude, opening_hours, services, access_modes, phone, emails, source, external_id) FROM '${profileCsv}' CSV`,
      '-c',
      'COMMIT',
    ]);
    return (performance.now() - t0) / 1000;
  }

  /** Other places each round (other SIRETs and ids), into a funder of their own: all created. */
  async function serviceImport(round: number): Promise<number> {
    const file = path.join(dir, `lieux-${round}.csv`);
    fs.writeFileSync(file, generatedPlaces(PLACES, round * PLACES, HOURS));
    log(`round ${round + 1}: importing ${PLACES} places through the service…`);
    const t0 = performance.now();
    const report = await standard.importPlaces(database.db, null, funderIds[2 * round]!, {
      records: recordsOf(fs.createReadStream(file), 'csv'),
      dryRun: false,
      defaultSource: 'bench',
    });
    const seconds = (performance.now() - t0) / 1000;
    if (report.counts.created !== PLACES)
      throw new Error(`unexpected report ${JSON.stringify(report.counts)}`);
    return seconds;
  }

  // Rounds alternate the two sides: one run of each is at the mercy of a neighbour's burst on
  // a shared machine (ratios of 2.2 to 3.4 were seen for the same code); the medians compare.
  const raws: number[] = [];
  const imports: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    raws.push(rawLoad(round));
    imports.push(await serviceImport(round));
  }
  const rawS = median(raws);
  const importS = median(imports);
  const appFunder = funderIds[0]!;
  const firstFile = path.join(dir, 'lieux-0.csv');
  let t0 = performance.now();
  const again = await standard.importPlaces(database.db, null, appFunder, {
    records: recordsOf(Readable.from([fs.readFileSync(firstFile)]), 'csv'),
    dryRun: false,
    defaultSource: 'bench',
  });
  const againS = (performance.now() - t0) / 1000;
  if (again.counts.unchanged !== PLACES)
    throw new Error(`second import changed ${JSON.stringify(again.counts)}`);
  const ratio = importS / rawS;
  const loadAfterImports = load();

  // The directory: the imported places shared by the 80 funders (each place on 2 rosters,
  // qualified for their programmes), a few suspended. Setup, not measured.
  await database.pool.query(
    `WITH p AS (SELECT place_id, row_number() OVER (ORDER BY place_id) AS n FROM funder_places WHERE funder_id = $1),
          f AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM unnest($2::uuid[]) AS id)
     INSERT INTO funder_places (funder_id, place_id)
     SELECT f.id, p.place_id FROM p JOIN f ON f.k IN (p.n % $3, (p.n * 7 + 3) % $3)
     ON CONFLICT DO NOTHING`,
    [appFunder, funderIds, FUNDERS],
  );
  await database.pool.query(
    `INSERT INTO place_qualifications (funder_id, program_id, place_id, decision, effective_on)
     SELECT fp.funder_id, pr.id, fp.place_id, 'approved', current_date
       FROM funder_places fp JOIN programs pr ON pr.funder_id = fp.funder_id
      WHERE fp.funder_id = ANY($1::uuid[])
        AND fp.place_id IN (SELECT place_id FROM funder_places WHERE funder_id = $2)`,
    [funderIds, appFunder],
  );
  await database.pool.query('ANALYZE');

  let searchLine = 'search_p95_ms=absent';
  let searchText: string;
  if (!app.hasRoute({ method: 'GET', url: SEARCH_ROUTE })) {
    searchText = `- directory search: the route GET ${SEARCH_ROUTE.replace(':programId', '{programId}')} is ABSENT in this branch (the directory is built in another branch): not measured`;
    log(searchText);
  } else {
    const { rows: targets } = await database.pool.query(
      `SELECT pp.program_id, o.commune_code, pr.services FROM program_places pp
         JOIN organisations o ON o.id = pp.place_id JOIN place_profiles pr ON pr.place_id = pp.place_id
        WHERE o.commune_code IS NOT NULL ORDER BY random() LIMIT $1`,
      [SEARCHES],
    );
    log(`searching ${targets.length} times (commune + service + open now)…`);
    const times: number[] = [];
    // How many places each search found: searches by number of places found.
    const foundPerSearch = new Map<number, number>();
    let found = 0;
    for (const [i, target] of targets.entries()) {
      // One of the target place's own services: the answer holds at least that place.
      const services = target.services as string[];
      const query = new URLSearchParams({
        commune: target.commune_code,
        service: services[i % services.length]!,
        openNow: 'true',
      });
      const s = performance.now();
      const res = await fetch(`${baseUrl}/api/v1/public/programs/${target.program_id}/places?${query}`, {
        headers: { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      });
      const body = (await res.json()) as { places?: unknown[] };
      times.push(performance.now() - s);
      if (res.status !== 200) throw new Error(`search answered ${res.status}: ${JSON.stringify(body)}`);
      const n = body.places?.length ?? 0;
      found += n;
      foundPerSearch.set(n, (foundPerSearch.get(n) ?? 0) + 1);
    }
    const histogram = [...foundPerSearch]
      .sort(([a], [b]) => a - b)
      .map(([n, searches]) => `${searches} searches found ${n}`)
      .join(', ');
    log(`places found per search: ${histogram}`);
    const empty = foundPerSearch.get(0) ?? 0;
    if (empty > 0) throw new Error(`${empty} searches found no place: the p95 would time empty answers`);
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95)]!;
    const p50 = times[Math.floor(times.length * 0.5)]!;
    searchLine = `search_p95_ms=${p95.toFixed(1)}`;
    searchText = `- directory search (commune + service + open now), ${times.length} sequential requests over HTTP: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target ≤ 50 ms): ${p95 <= 50 ? 'met' : 'NOT met'}; ${found} places found in all, at ${new Date().toISOString().slice(11, 16)} UTC with hours ${HOURS.join(' | ')}; per search: ${histogram}`;
  }

  const line = `import_s=${importS.toFixed(2)} raw_s=${rawS.toFixed(2)} ratio=${ratio.toFixed(2)} ${searchLine}`;
  recordResult('bench:places', [
    `Importing ${PLACES.toLocaleString('en')} places in the national standard (a generated regional CSV, invented data) through the service — streamed parse, checks of every field (OSM hours, SIRET, commune, services), batched writes of organisations, rosters and profiles, audit — against psql \\copy of the same rows, already read, into the same tables; one durable embedded PostgreSQL 15. Then the directory's search with the places shared by ${FUNDERS} funders.`,
    `- ${ROUNDS} rounds, each the raw COPY then the service's import of other places (other SIRETs and ids, a funder of their own), the medians compared`,
    `- service import: median ${importS.toFixed(2)} s (${Math.round(PLACES / importS).toLocaleString('en')} places/s; rounds ${seconds(imports)}); the first round's file again: ${againS.toFixed(2)} s, all ${PLACES.toLocaleString('en')} lines unchanged`,
    `- raw COPY: median ${rawS.toFixed(2)} s (rounds ${seconds(raws)})`,
    `- ratio of the medians ${ratio.toFixed(2)} (target ≤ 3): ${ratio <= 3 ? 'met' : 'NOT met'}; per round ${imports.map((x, i) => (x / raws[i]!).toFixed(2)).join(', ')}`,
    `- load average (1 / 5 / 15 min) at the start: ${loadAtStart}; after the imports: ${loadAfterImports}`,
    searchText,
    '',
    line,
  ]);
  log(line);
} finally {
  await app?.close();
  await database.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
