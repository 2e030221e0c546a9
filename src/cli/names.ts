import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import * as programs from '../modules/programs/service.js';
import { UsageError } from './usage.js';

/**
 * The funder, place, programme, envelope or payment run a command works on, named as the
 * person at the terminal knows it: by its name (capitals, accents and apostrophes aside) or its
 * SIRET, a payment run by its file's reference, or any by its id as the web app's addresses
 * show it. A name that matches nothing or several is said so, with the names that come close,
 * and nothing is done.
 */

type Named = {
  id: string;
  name: string;
  /** the SIRET, or for a programme its funder's name */
  detail: string | null;
};

type What = 'funder' | 'place' | 'programme' | 'envelope' | 'payment run';

/** How a refusal names what it looks for: « aucun financeur », « 2 lieux ». */
const WORDS: Record<What, { many: string; none: string; that: string }> = {
  funder: { many: 'financeurs', none: 'aucun financeur', that: 'celui' },
  place: { many: 'lieux', none: 'aucun lieu', that: 'celui' },
  programme: { many: 'programmes', none: 'aucun programme', that: 'celui' },
  envelope: { many: 'enveloppes', none: 'aucune enveloppe', that: 'celle' },
  'payment run': { many: 'lots de paiement', none: 'aucun lot de paiement', that: 'celui' },
};

/** A payment run's status as `payments runs` and the refusals show it. */
export const RUN_STATUS_WORDS: Record<string, string> = {
  prepared: 'préparé',
  approved: 'approuvé',
  sent: 'envoyé',
  cancelled: 'annulé',
  rejected: 'refusé',
};

/** « Région Hauts-de-France », « region  hauts de france » and « RÉGION HAUTS-DE-FRANCE » alike. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[’'`-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const isId = (value: string) => z.uuid().safeParse(value).success;
const siretOf = (value: string) => (/^[0-9 ]{14,17}$/.test(value) ? value.replace(/ /g, '') : null);

/**
 * The one of `candidates` that `value` names, or a usage error that says why none is. Funders
 * and places are also named by their SIRET (the `detail`), spaces allowed.
 */
export function pick(
  command: string,
  option: string,
  what: What,
  value: string,
  candidates: Named[],
): string {
  if (isId(value)) {
    const byId = candidates.find((c) => c.id === value);
    if (byId) return byId.id;
    throw new UsageError(`${command} : ${option} « ${value} » : ${WORDS[what].none} n’a cet id.`);
  }
  const siret = what === 'funder' || what === 'place' ? siretOf(value) : null;
  const key = nameKey(value);
  const matches = candidates.filter((c) => (siret ? c.detail === siret : nameKey(c.name) === key));
  if (matches.length === 1) return matches[0]!.id;
  const listed = (list: Named[]) =>
    list
      .slice(0, 8)
      .map((c) => `\n  ${c.name}${c.detail ? ` (${c.detail})` : ''}  ${c.id}`)
      .join('');
  if (matches.length > 1)
    throw new UsageError(
      `${command} : ${option} « ${value} » désigne ${matches.length} ${WORDS[what].many} ; donnez l’id de ${WORDS[what].that} que vous visez :${listed(matches)}`,
    );
  const close = key ? candidates.filter((c) => nameKey(c.name).includes(key)) : [];
  throw new UsageError(
    `${command} : ${option} « ${value} » : ${WORDS[what].none} ${siret ? 'n’a ce SIRET' : what === 'payment run' ? 'n’a cette référence' : 'ne porte ce nom'}.${close.length ? ` Vouliez-vous dire :${listed(close)}` : ''}`,
  );
}

export async function funderNamed(db: Queryable, command: string, option: string, value: string) {
  return pick(command, option, 'funder', value, await fundersByName(db));
}

export async function placeNamed(db: Queryable, command: string, option: string, value: string) {
  const { rows } = await db.execute<Named>(
    sql`SELECT id, name, siret AS detail FROM organisations WHERE kind = 'place' ORDER BY name`,
  );
  return pick(command, option, 'place', value, rows);
}

/** Every programme with its name of today (amendments may rename one) and its funder's, by name. */
export async function programmesNow(db: Queryable) {
  const { rows } = await db.execute<{ id: string; funderId: string; funder: string }>(
    sql`SELECT p.id, p.funder_id AS "funderId", f.name AS funder FROM programs p JOIN funders f ON f.id = p.funder_id`,
  );
  const names = await programs.namesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => ({ ...r, name: names.get(r.id) ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** A programme by its name of today, told apart by its funder's. */
export async function programNamed(db: Queryable, command: string, option: string, value: string) {
  const candidates = (await programmesNow(db)).map((p) => ({ id: p.id, name: p.name, detail: p.funder }));
  return pick(command, option, 'programme', value, candidates);
}

/** The funders, by name, with their SIRET. */
export async function fundersByName(db: Queryable) {
  const { rows } = await db.execute<Named>(sql`SELECT id, name, siret AS detail FROM funders ORDER BY name`);
  return rows;
}

/** One of the programme's envelopes, by its name or id. */
export async function envelopeNamed(
  db: Queryable,
  command: string,
  option: string,
  programId: string,
  value: string,
) {
  const { rows } = await db.execute<Named>(
    sql`SELECT id, name, NULL AS detail FROM envelopes WHERE program_id = ${programId} ORDER BY name`,
  );
  return pick(command, option, 'envelope', value, rows);
}

/** A payment run as `payments runs` lists it, newest first. */
export type RunListed = Named & {
  status: string;
  preparedOn: string;
  transferCount: number;
  totalCents: number;
};

/**
 * The funder's payment runs, newest first, each named by its file's reference (« Référence du
 * fichier : PN-… » on the run's page, the message id the bank's reports quote).
 */
export async function paymentRunsOf(db: Queryable, funderId: string) {
  const { rows } = await db.execute<RunListed>(sql`
    SELECT id, message_id AS name, status, transfer_count AS "transferCount",
           total_cents::float8 AS "totalCents",
           to_char(prepared_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "preparedOn"
      FROM payment_runs WHERE funder_id = ${funderId} ORDER BY prepared_at DESC, id DESC`);
  return rows.map((r) => ({
    ...r,
    detail: `${RUN_STATUS_WORDS[r.status] ?? r.status}, préparé le ${r.preparedOn}`,
  }));
}

/** One of the funder's payment runs, by its file's reference or its id. */
export async function paymentRunNamed(
  db: Queryable,
  command: string,
  option: string,
  funderId: string,
  value: string,
) {
  return pick(command, option, 'payment run', value, await paymentRunsOf(db, funderId));
}
