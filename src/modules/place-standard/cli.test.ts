import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test/database.js';
import { loadDemo } from '../../demo/seed.js';

const run = promisify(execFile);
const CSV = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'reseau-meuse.csv');

let database: TestDatabase;
let funderId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemo(database.db);
  const { rows } = await database.pool.query("SELECT id FROM funders WHERE name LIKE '%Hauts-de-France%'");
  funderId = rows[0].id;
}, 120_000);
afterAll(() => database.close());

const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'places', 'import', ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
  });
/** A run that rejected lines exits 3 (as prescribers import), with its report on stdout. */
const rejecting = (...args: string[]) =>
  cli(...args).then(
    () => {
      throw new Error('exit 0 with rejected lines');
    },
    (e: { code: number; stdout: string }) => {
      expect(e.code).toBe(3);
      return e;
    },
  );

const counts = async () =>
  (
    await database.pool.query(`SELECT (SELECT count(*) FROM organisations WHERE kind = 'place')::int AS places,
      (SELECT count(*) FROM place_profiles)::int AS profiles, (SELECT count(*) FROM funder_places)::int AS roster`)
  ).rows[0];

describe('npm run cli -- places import', () => {
  it('prints the report of a dry run and writes nothing; then imports', async () => {
    const before = await counts();
    const dry = await rejecting('--funder', funderId, '--dry-run', CSV);
    expect(dry.stdout).toContain('ligne 5 : rejetée — nom : Nom du lieu (colonne « nom ») manquant');
    expect(dry.stdout).toContain('ligne 3 : créé, horaires : Horaires en texte libre');
    expect(dry.stdout).toContain(
      'Essai à blanc (rien n’est écrit) : 5 créés, 0 mis à jour, 0 inchangé, 7 rejetés.',
    );
    expect(await counts()).toEqual(before);

    const done = await rejecting('--funder', funderId, CSV);
    expect(done.stdout).toContain('5 créés, 0 mis à jour, 0 inchangé, 7 rejetés.');
    expect((await counts()).places).toBe(before.places + 5);
  }, 120_000);

  it('names what is missing instead of failing obscurely', async () => {
    // A funder named by no funder: exit 2, the option named, the funders that come close, nothing read.
    const before = await counts();
    await expect(cli('--funder', 'pas-un-uuid', CSV)).rejects.toMatchObject({
      code: 2,
      stderr: 'places import : --funder « pas-un-uuid » : aucun financeur ne porte ce nom.\n',
    });
    const close = await cli('--funder', 'Hauts-de-France', CSV).catch((e) => e);
    expect(close.code).toBe(2);
    expect(close.stderr).toContain(
      'places import : --funder « Hauts-de-France » : aucun financeur ne porte ce nom. Vouliez-vous dire :',
    );
    expect(close.stderr).toContain(`Région Hauts-de-France (20005374200017)  ${funderId}`);
    expect(await counts()).toEqual(before);
    // Named as it is, the funder takes the file.
    const named = await rejecting('--funder', 'région hauts-de-france', '--dry-run', CSV);
    expect(named.stdout).toContain('Essai à blanc (rien n’est écrit) :');
  }, 60_000);
});
