/**
 * What bench:redeem redeems: a programme of funded passes, every booklet handed out, and
 * places that accept the programme, each with an API key.
 */
import type pg from 'pg';
import { businessDate } from '../src/core/dates.js';
import type { Db } from '../src/db/client.js';
import { hautsDeFranceDemoCampaign } from '../src/demo/programs.js';
import { loadDemo } from '../src/demo/seed.js';
import * as finance from '../src/modules/finance/service.js';
import * as funders from '../src/modules/funders/service.js';
import * as passes from '../src/modules/passes/service.js';
import * as places from '../src/modules/places/service.js';
import * as programs from '../src/modules/programs/service.js';

export interface BenchPasses {
  /** The first place (the demo's Médiathèque), for the redemptions sent straight to PostgreSQL. */
  placeId: string;
  /** One API key per place, for wrk: its requests take them in turn. */
  keys: string[];
  today: string;
  /** Every pass of the programme, in id order (ids without a gap). */
  rows: { id: number; code: string }[];
}

export async function prepareBenchPasses(
  db: Db,
  pool: pg.Pool,
  count: number,
  bookletSize: 5 | 10,
  log: (s: string) => void,
  placeCount = 1,
): Promise<BenchPasses> {
  const one = async <T>(text: string, values: unknown[] = []) =>
    (await pool.query(text, values)).rows[0] as T;
  log('loading the demo…');
  await loadDemo(db);
  const { id: funderId } = await one<{ id: string }>(
    `SELECT id FROM funders WHERE name = 'Région Hauts-de-France'`,
  );
  const { id: placeId } = await one<{ id: string }>(
    `SELECT id FROM organisations WHERE name = 'Médiathèque Louis Aragon'`,
  );

  // The demo campaign (running today, usable to the end of 2027) with room for the bench's passes.
  const creation = hautsDeFranceDemoCampaign.creation;
  const state = { ...creation.state, name: 'Banc d’essai des encaissements', plannedPasses: count };
  const { program } = await programs.create(db, null, funderId, {
    ...creation,
    legal: { ...creation.legal, number: 'BENCH-REDEEM' },
    state,
  });
  log(`issuing and funding ${count.toLocaleString('en')} passes…`);
  await passes.issue(db, null, program.id, { bookletCount: count / bookletSize, bookletSize });
  const funded = await finance.recordFunding(db, null, program.id, {
    payer: 'Région Hauts-de-France',
    amountCents: count * state.faceValueCents,
    receivedOn: businessDate(),
    reference: 'Banc d’essai',
    // The bench's passes are worth more than the Region's share of the campaign's budget.
    confirmOverShare: true,
  });
  if (funded.activatedPasses !== count) throw new Error(`activated ${funded.activatedPasses} passes`);
  // The demo's Médiathèque, then places of the bench's own on the Region's roster.
  const placeIds = [placeId];
  for (let i = 2; i <= placeCount; i++) {
    const name = `Lieu du banc d’essai ${i}`;
    const place = await db.transaction((tx) =>
      funders.insertOrganisation(tx, null, { funderId, kind: 'place', name }),
    );
    placeIds.push(place.id);
  }
  const keys: string[] = [];
  for (const id of placeIds) {
    await places.acceptProgram(db, null, program.id, id);
    keys.push((await places.createKey(db, null, id, 'Banc d’essai des encaissements')).key);
  }

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
    if (rowCount !== count) throw new Error(`${rowCount} passes made valid`);
    await c.query('COMMIT');
  } catch (error) {
    await c.query('ROLLBACK');
    throw error;
  } finally {
    c.release();
  }

  const { rows } = await pool.query<{ id: number; code: string }>(
    'SELECT id, code FROM passes WHERE program_id = $1 ORDER BY id',
    [program.id],
  );
  if (rows[count - 1]!.id - rows[0]!.id !== count - 1) throw new Error('the passes have a gap in their ids');
  // Dead tuples of the bulk hand-out gone and statistics fresh before anything is measured.
  await pool.query('VACUUM ANALYZE passes');
  await pool.query('VACUUM ANALYZE booklets');
  return { placeId, keys, today, rows };
}
