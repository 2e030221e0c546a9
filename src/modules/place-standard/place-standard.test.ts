import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { fromSchemaLieuxDeMediationNumerique } from '@gouvfr-anct/lieux-de-mediation-numerique';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/client.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign } from '../../test/circulation.js';
import * as funders from '../funders/service.js';
import { generatedPlaces } from './fixtures/generate.js';
import { formatOf, recordsOf } from './read.js';
import * as service from './service.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const CSV = path.join(fixtures, 'reseau-meuse.csv');
const JSON_FILE = path.join(fixtures, 'reseau-meuse.json');

let t: TestApp;
let funderId: string;
let programId: string;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const c = await demoCampaign(t);
  funderId = c.funderId;
  programId = c.programId;
  admin = await signIn(t.app, 'financeur@hautsdefrance.test');
}, 120_000);
afterAll(() => t.close());

const importFile = (file: string, opts: { dryRun?: boolean; funder?: string } = {}) =>
  service.importPlaces(t.database.db, null, opts.funder ?? funderId, {
    records: recordsOf(fs.createReadStream(file), formatOf(fs.readFileSync(file))),
    dryRun: opts.dryRun ?? false,
    defaultSource: 'test',
  });

async function tableCounts() {
  const { rows } = await t.database.db.$client.query(`SELECT
    (SELECT count(*) FROM organisations WHERE kind = 'place')::int AS places,
    (SELECT count(*) FROM place_profiles)::int AS profiles,
    (SELECT count(*) FROM funder_places)::int AS roster,
    (SELECT coalesce(max(updated_at), 'epoch') FROM place_profiles) AS last_update`);
  return rows[0];
}

/** Sends a file as the web page does: its bytes, application/octet-stream. */
const upload = (client: Client, url: string, content: Buffer) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: content,
    cookies: { pn_session: client.cookie },
    headers: { 'x-csrf-token': client.csrfToken, 'content-type': 'application/octet-stream' },
  });

const line = (report: service.ImportReport, n: number) => report.lines.find((l) => l.line === n)!;

/** Qualifies every place of the roster for the programme, in one statement (setup of the export's checks). */
async function qualifyAll(fId: string, pId: string) {
  await t.database.db.execute(sql`
    INSERT INTO place_qualifications (funder_id, program_id, place_id, decision, effective_on)
    SELECT ${fId}::uuid, ${pId}::uuid, fp.place_id, 'approved', current_date
      FROM funder_places fp
     WHERE fp.funder_id = ${fId}::uuid
       AND NOT EXISTS (SELECT 1 FROM program_places pp WHERE pp.program_id = ${pId}::uuid AND pp.place_id = fp.place_id)`);
}

describe('import of places in the national standard', () => {
  it('reports each line: created, kept with notes, or rejected naming the field and the reason', async () => {
    const before = await tableCounts();
    const dry = await importFile(CSV, { dryRun: true });
    expect(await tableCounts()).toEqual(before);

    const report = await importFile(CSV);
    expect(report.lines.map((l) => [l.line, l.status])).toEqual(dry.lines.map((l) => [l.line, l.status]));
    expect(report.counts).toEqual({ created: 5, updated: 0, unchanged: 0, rejected: 7 });

    expect(line(report, 2)).toMatchObject({ status: 'created', notes: [] });
    // Historical services in one cell separated by commas; hours in free text; no coordinates.
    const gare = line(report, 3);
    expect(gare.status).toBe('created');
    expect(gare.notes.map((n) => n.field)).toEqual(['latitude', 'horaires']);
    expect(gare.notes[1]!.reason).toContain('Horaires en texte libre');
    expect(line(report, 4).notes).toEqual([
      { field: 'services', reason: expect.stringContaining('Service inconnu « Cours de poterie »') },
    ]);
    const rejected = (n: number) => {
      const l = line(report, n);
      expect(l.status).toBe('rejected');
      return [l.field, l.reason];
    };
    expect(rejected(5)).toEqual(['nom', expect.stringContaining('Nom du lieu')]);
    expect(rejected(6)).toEqual(['code_postal', expect.stringContaining('Code postal « 551 » invalide')]);
    expect(rejected(7)).toEqual([
      'id',
      expect.stringContaining('même identifiant « meuse-001 » que la ligne 2'),
    ]);
    expect(rejected(8)).toEqual([
      'pivot',
      expect.stringContaining('même SIRET 90000001000000 et même nom que la ligne 2'),
    ]);
    expect(rejected(9)).toEqual(['adresse', expect.stringContaining('Adresse manquante')]);
    expect(rejected(10)).toEqual(['code_insee', expect.stringContaining('Commune introuvable')]);
    expect(rejected(13)).toEqual(['id', expect.stringContaining('Identifiant du lieu')]);
    // Bad SIRET, phone and e-mail: the place is kept without them.
    expect(line(report, 11).notes.map((n) => n.field)).toEqual(['pivot', 'telephone', 'courriels']);
    // A spreadsheet's 1000 for 01000.
    expect(line(report, 12).notes).toEqual([
      { field: 'code_postal', reason: 'Code postal « 1000 » complété en « 01000 ».' },
    ]);

    // The places are on the funder's roster, unqualified, with their profile.
    const { rows } = await t.database.db.$client.query(
      `SELECT o.name, o.siret, o.commune_code, p.services, p.opening_hours, p.latitude,
              EXISTS (SELECT 1 FROM program_places pp WHERE pp.place_id = o.id) AS qualified
         FROM organisations o JOIN place_profiles p ON p.place_id = o.id
         JOIN funder_places fp ON fp.place_id = o.id AND fp.funder_id = $1
        WHERE p.external_id = 'meuse-002'`,
      [funderId],
    );
    expect(rows).toEqual([
      {
        name: 'Espace numérique de la gare (démonstration)',
        siret: '90000002000009',
        commune_code: '55545',
        services: ['Maîtrise des outils numériques du quotidien', 'Accès internet et matériel informatique'],
        opening_hours: null,
        latitude: null,
        qualified: false,
      },
    ]);
  });

  it('completes a four-digit postcode only where the commune has it, and says which it kept', async () => {
    const header =
      'id,nom,adresse,code_postal,code_insee,commune,latitude,longitude,services,date_maj,source\n' +
      'finistere-1,Médiathèque de Morlaix,1 place du Dossen,2920,29151,Morlaix,48.58,-3.83,Utilisation sécurisée du numérique,2025-06-01,test\n';
    const report = await service.importPlaces(t.database.db, null, funderId, {
      records: recordsOf(Readable.from([Buffer.from(header)]), 'csv'),
      dryRun: true,
      defaultSource: 'test',
    });
    // « 02920 » is a postcode of the Aisne: Morlaix (Finistère) is 29600.
    expect(line(report, 2)).toMatchObject({
      status: 'created',
      notes: [
        {
          field: 'code_postal',
          reason:
            'Code postal « 2920 » incomplet, et « 02920 » n’est pas celui de Morlaix : code postal de la commune retenu, 29600.',
        },
      ],
    });
  });

  it('changes nothing when the same file is imported again: every line unchanged', async () => {
    const before = await tableCounts();
    const again = await importFile(CSV);
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 5, rejected: 7 });
    expect(await tableCounts()).toEqual(before);
  });

  it('reads JSON too, finds the commune by postcode and name, and a place of a known SIRET is the same place', async () => {
    // Another funder already works with the place of SIRET 90000006000005 (registered by hand).
    const { rows } = await t.database.db.$client.query('SELECT id FROM funders WHERE id <> $1 LIMIT 1', [
      funderId,
    ]);
    const other = await t.database.db.transaction((tx) =>
      funders.insertOrganisation(tx, null, {
        funderId: rows[0].id,
        kind: 'place',
        name: 'Atelier de Thierville',
        siret: '90000006000005',
        communeCode: '55505',
      }),
    );
    // The file names it otherwise: the funder is told, in the preview as in the report, which
    // place of the platform the line was joined to, and that it keeps the name the other funder
    // knows it by: one funder's file does not rename a place others work with.
    const joined = {
      field: 'pivot',
      reason:
        'SIRET 90000006000005 : ligne rattachée au lieu « Atelier de Thierville » déjà présent sur la plateforme, que d’autres financeurs connaissent sous ce nom : le lieu le garde, le nom du fichier « Atelier numérique de Thierville (démonstration) » n’est pas repris.',
    };
    const preview = await importFile(JSON_FILE, { dryRun: true });
    expect(line(preview, 1).notes).toContainEqual(joined);
    const report = await importFile(JSON_FILE);
    expect(report.counts).toEqual({ created: 1, updated: 1, unchanged: 0, rejected: 0 });
    expect(line(report, 1)).toMatchObject({ status: 'updated', placeId: other.id });
    expect(line(report, 1).notes).toContainEqual(joined);
    expect(line(report, 2).notes.map((n) => n.field)).toEqual(['latitude', 'horaires']);
    const nameOf = async () =>
      (await t.database.db.$client.query('SELECT name FROM organisations WHERE id = $1', [other.id])).rows[0]
        .name;
    expect(await nameOf()).toBe('Atelier de Thierville');
    // The description is the file's now, the place on the funder's roster: the rest is taken.
    const { rows: taken } = await t.database.db.$client.query(
      `SELECT (SELECT count(*) FROM place_profiles WHERE place_id = $1)::int AS profiles,
              (SELECT count(*) FROM funder_places WHERE place_id = $1 AND funder_id = $2)::int AS roster`,
      [other.id, funderId],
    );
    expect(taken[0]).toEqual({ profiles: 1, roster: 1 });
    // Again, with the place's description now the file's: still not renamed, still said.
    const again = await importFile(JSON_FILE);
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(line(again, 1).notes).toContainEqual({
      field: 'pivot',
      reason:
        'Lieu « Atelier de Thierville » : d’autres financeurs le connaissent sous ce nom, qu’il garde ; le nom du fichier « Atelier numérique de Thierville (démonstration) » n’est pas repris.',
    });
    expect(await nameOf()).toBe('Atelier de Thierville');
  });

  it('joins the site of a SIRET named by the line, reports a line it cannot tell, and creates the sites a file names', async () => {
    // An association runs its sites under its head office's SIRET: two are on the platform.
    const siret = '84512300200014';
    const sud = await t.database.db.transaction((tx) =>
      funders.insertOrganisation(tx, null, {
        funderId,
        kind: 'place',
        name: 'Centre social Arras Sud',
        siret,
        communeCode: '62041',
        join: null,
      }),
    );
    const header = fs
      .readFileSync(CSV, 'utf8')
      .split('\n')[0]!
      .replace(/^\uFEFF/, '');
    const csv = (...rows: [string, string][]) =>
      Buffer.from(
        [
          header,
          ...rows.map(
            ([id, name]) => `${id},${siret},${name},1 rue des Sites,62000,62041,Arras${','.repeat(15)}`,
          ),
        ].join('\n'),
      );
    const imported = (content: Buffer) =>
      service.importPlaces(t.database.db, null, funderId, {
        records: recordsOf(Readable.from([content]), 'csv'),
        dryRun: false,
        defaultSource: 'sites',
      });
    const sites = async () =>
      (
        await t.database.pool.query('SELECT name FROM organisations WHERE siret = $1 ORDER BY name', [siret])
      ).rows.map((r) => r.name);

    // Neither site's name: which one it is, nothing says; the line is reported, not guessed.
    const unknown = await imported(csv(['site-0', 'Centre social d’Arras']));
    expect(line(unknown, 2)).toMatchObject({ status: 'rejected', field: 'pivot' });
    expect(line(unknown, 2).reason).toContain('« Centre social Arras Ouest », « Centre social Arras Sud »');
    expect(await sites()).toEqual(['Centre social Arras Ouest', 'Centre social Arras Sud']);

    // The file names two sites of the SIRET: each is its own place, the one known joined by its name.
    const report = await imported(
      csv(['site-1', 'Centre social Arras Sud'], ['site-2', 'Centre social Arras Nord']),
    );
    expect(line(report, 2)).toMatchObject({ status: 'updated', placeId: sud.id });
    expect(line(report, 3)).toMatchObject({ status: 'created' });
    expect(line(report, 3).notes).toContainEqual({
      field: 'pivot',
      reason: expect.stringContaining('autre site'),
    });
    expect(await sites()).toEqual([
      'Centre social Arras Nord',
      'Centre social Arras Ouest',
      'Centre social Arras Sud',
    ]);
  });

  it('runs as a job from the web: dry run, then import, with progress and the report', async () => {
    const content = fs.readFileSync(CSV);
    const start = (dryRun: boolean) =>
      upload(
        admin,
        `/api/v1/funders/${funderId}/place-imports?dryRun=${dryRun}&fileName=reseau-meuse.csv`,
        content,
      );
    const wait = async (id: string) => {
      for (;;) {
        const res = await admin.request('GET', `/api/v1/funders/${funderId}/place-imports/${id}`);
        expect(res.statusCode).toBe(200);
        if (res.json().status !== 'running') return res.json();
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const res = await start(true);
    expect(res.statusCode, res.body).toBe(202);
    const job = await wait(res.json().id);
    expect(job).toMatchObject({ status: 'done', dryRun: true, fileName: 'reseau-meuse.csv', processed: 12 });
    expect(job.counts).toEqual({ created: 0, updated: 0, unchanged: 5, rejected: 7 });
    expect(job.lines).toHaveLength(12);
    // A file that is not in the standard says so.
    const bad = await upload(
      admin,
      `/api/v1/funders/${funderId}/place-imports?dryRun=true`,
      Buffer.from('nom_du_lieu;ville\nA;B\n'),
    );
    const failed = await wait(bad.json().id);
    expect(failed).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('Ce fichier ne suit pas le standard'),
    });
    // A new file for real: the progress ends at its line count, with its counts.
    const fresh = await upload(
      admin,
      `/api/v1/funders/${funderId}/place-imports?dryRun=false&fileName=nouveaux.csv`,
      Buffer.from(generatedPlaces(30, 90_000)),
    );
    const done = await wait(fresh.json().id);
    expect(done).toMatchObject({ status: 'done', dryRun: false, expected: 30, processed: 30 });
    expect(done.counts).toEqual({ created: 30, updated: 0, unchanged: 0, rejected: 0 });
  });
});

describe('export in the national standard', () => {
  it('publishes only qualified, not suspended places, in JSON and CSV that the standard’s models accept', async () => {
    await qualifyAll(funderId, programId);
    const one = await t.database.db.$client.query(
      `SELECT place_id FROM place_profiles WHERE external_id = 'meuse-003'`,
    );
    const suspended = one.rows[0].place_id as string;
    const decided = await admin.request(
      'POST',
      `/api/v1/programs/${programId}/places/${suspended}/decisions`,
      {
        decision: 'suspended',
        reason: 'Contrôle en cours',
      },
    );
    expect(decided.statusCode).toBe(201);

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/funders/${funderId}/places.json` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const rows = res.json() as Record<string, unknown>[];
    expect(rows.map((r) => r.nom)).not.toContain('Tiers-lieu des Côtes (démonstration)');
    const mediatheque = rows.find((r) => r.nom === 'Médiathèque du Centre (démonstration)')!;
    expect(mediatheque).toMatchObject({
      pivot: '90000001000000',
      code_postal: '55100',
      code_insee: '55545',
      commune: 'Verdun',
      services: 'Aide aux démarches administratives|Maîtrise des outils numériques du quotidien',
      horaires: 'Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00',
      telephone: '+33329000001',
    });
    expect(() => fromSchemaLieuxDeMediationNumerique(rows as never)).not.toThrow();

    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/public/funders/${funderId}/places.csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    const parsed = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(parsed).toHaveLength(rows.length);
    expect(() => fromSchemaLieuxDeMediationNumerique(parsed.map(fromCsv) as never)).not.toThrow();
  });

  it('answers 404 for an unknown funder, to anyone, without signing in', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/public/funders/00000000-0000-4000-8000-000000000000/places.json',
    });
    expect(res.statusCode).toBe(404);
  });
});

/** A CSV row as the standard's models take it: empty cells absent, coordinates as numbers. */
function fromCsv(r: Record<string, string>) {
  const row: Record<string, unknown> = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ''));
  if (row.latitude) row.latitude = Number(row.latitude);
  if (row.longitude) row.longitude = Number(row.longitude);
  return row;
}

describe('a file of 5,000 places', () => {
  it('imports in batches, a second time unchanged, and the export of those qualified passes the standard’s check', async () => {
    const { rows: fundersRows } = await t.database.db.$client.query(
      `SELECT f.id AS funder_id, p.id AS program_id FROM funders f JOIN programs p ON p.funder_id = f.id
        WHERE f.id <> $1 ORDER BY f.name LIMIT 1`,
      [funderId],
    );
    const { funder_id: fId, program_id: pId } = fundersRows[0];
    const csv = generatedPlaces(5000);
    const run = () =>
      service.importPlaces(t.database.db, null, fId, {
        records: recordsOf(Readable.from([Buffer.from(csv)]), 'csv'),
        dryRun: false,
        defaultSource: 'test',
      });
    // Its speed is measured by bench:places against the raw database, not asserted here.
    const first = await run();
    expect(first.counts).toEqual({ created: 5000, updated: 0, unchanged: 0, rejected: 0 });
    const second = await run();
    expect(second.counts).toEqual({ created: 0, updated: 0, unchanged: 5000, rejected: 0 });

    await qualifyAll(fId, pId);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/funders/${fId}/places.json` });
    const rows = res.json() as unknown[];
    expect(rows.length).toBeGreaterThanOrEqual(5000);
    expect(fromSchemaLieuxDeMediationNumerique(rows as never)).toHaveLength(rows.length);
  }, 120_000);

  it('talks to PostgreSQL in few statements per batch of 1,000 places: 6 for new places, 3 for an unchanged file', async () => {
    const { rows: fundersRows } = await t.database.db.$client.query(
      `SELECT f.id FROM funders f WHERE f.id <> $1 ORDER BY f.name OFFSET 1 LIMIT 1`,
      [funderId],
    );
    const csv = Buffer.from(generatedPlaces(2000, 50_000));
    // Every statement the import sends (BEGIN and COMMIT included; one first for the funder), on a pool of its own (the
    // app's sealer shares the test's): each one is a round trip, long on a loaded machine.
    const own = connect(t.database.url, 2);
    let sent = 0;
    own.pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        sent++;
        return query(...args);
      }) as typeof client.query;
    });
    const statements = async () => {
      sent = 0;
      const report = await service.importPlaces(own.db, null, fundersRows[0].id, {
        records: recordsOf(Readable.from([csv]), 'csv'),
        dryRun: false,
        defaultSource: 'test',
      });
      return { report, sent };
    };
    const first = await statements();
    expect(first.report.counts).toEqual({ created: 2000, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.sent).toBeLessThanOrEqual(1 + 2 * 6);
    const second = await statements();
    expect(second.report.counts).toEqual({ created: 0, updated: 0, unchanged: 2000, rejected: 0 });
    expect(second.sent).toBeLessThanOrEqual(1 + 2 * 3);
    await own.close();
  }, 120_000);
});
