import { closeBirthDates, closeNames } from '../../core/close-names.js';
import { frenchDate } from '../../core/dates.js';
import { DomainError, type FieldIssue, invalid } from '../../core/errors.js';
import { deName } from '../../core/french.js';
import { ageOn, ageProblem, type ProgramState } from '../../core/program/index.js';
import { communePlace, communeWithin, territoryName } from '../../core/territory.js';
import type { Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as programs from '../programs/service.js';
import {
  type EarlierHandOut,
  earlierHandOuts,
  findOrInsertPerson,
  handOutsBornOn,
  nameKeys,
} from './repo.js';

/*
 * Who may receive a booklet, judged at hand-out: the audience (and its age bounds on the
 * hand-out day), the commune (in the programme's territory, which is its funder's, and in
 * the booklet's envelope's), and the per-person allowance of the programme.
 */

const OLDEST = 120;
/**
 * No programme aims below the lycée (the seeds' youngest public is high-school pupils): a
 * younger age is a year typed wrong (2025 for 1985), caught whatever the public's own bounds.
 */
const YOUNGEST = 12;

/** « J. D. », as the desk's list of its hand-outs shows a person. */
const initials = (first: string, last: string) =>
  `${first.charAt(0).toLocaleUpperCase('fr')}. ${last.charAt(0).toLocaleUpperCase('fr')}.`;

export interface Beneficiary {
  firstName: string;
  lastName: string;
  birthDate: string;
  communeCode: string;
  audience: string;
}

/** Shape checks that need no database: a real birth date, before the hand-out, of a living person old enough. */
export function birthDateIssues(birthDate: string, on: string): FieldIssue[] {
  if (birthDate >= on) return [{ field: 'beneficiary.birthDate', message: 'Date de naissance invalide.' }];
  if (ageOn(birthDate, on) > OLDEST)
    return [
      {
        field: 'beneficiary.birthDate',
        message: `Date de naissance invalide : la personne aurait plus de ${OLDEST} ans.`,
      },
    ];
  if (ageOn(birthDate, on) < YOUNGEST)
    return [
      {
        field: 'beneficiary.birthDate',
        message: `Date de naissance invalide : la personne aurait moins de ${YOUNGEST} ans. Vérifiez l’année.`,
      },
    ];
  return [];
}

export function checkAudience(state: ProgramState, b: Beneficiary, on: string) {
  const audience = state.audiences.find((a) => a.code === b.audience);
  if (!audience) {
    throw invalid([
      { field: 'beneficiary.audience', message: "Ce public n'est pas éligible à ce dispositif." },
    ]);
  }
  const problem = ageProblem(audience, ageOn(b.birthDate, on));
  if (problem) {
    throw new DomainError('audience_age_mismatch', problem, [
      { field: 'beneficiary.birthDate', message: problem },
    ]);
  }
}

const outside = (message: string) =>
  new DomainError('commune_outside_territory', message, [{ field: 'beneficiary.communeCode', message }]);

export async function checkTerritory(
  tx: Queryable,
  booklet: { funderId: string; programId: string; envelopeId: string | null },
  communeCode: string,
) {
  const place = communePlace(communeCode);
  if (!place) {
    throw invalid([
      { field: 'beneficiary.communeCode', message: `« ${communeCode} » n'est pas un code INSEE de commune.` },
    ]);
  }
  // Named with its département, as a person knows it: the INSEE code is nobody's.
  const departement = territoryName({ level: 'departement', code: place.departement });
  const commune = `La commune ${deName(place.name)}${departement ? ` (${departement})` : ''}`;
  if (!communeWithin(place, await funders.territoryOf(tx, booklet.funderId))) {
    throw outside(`${commune} n’est pas dans le territoire de ce dispositif.`);
  }
  if (booklet.envelopeId) {
    const envelope = await programs.envelopeOf(tx, booklet.programId, booklet.envelopeId);
    if (envelope && !communeWithin(place, envelope.territory)) {
      throw outside(
        `${commune} n’est pas dans le territoire de l’enveloppe « ${envelope.name} » de ce carnet.`,
      );
    }
  }
}

/**
 * The person as the funder's one beneficiary (recorded if new), after checking that this
 * booklet keeps them within the programme's allowance; a refusal names the earlier hand-outs.
 */
export async function beneficiaryWithinAllowance(
  tx: Queryable,
  booklet: { funderId: string; programId: string; size: number },
  state: ProgramState,
  b: Beneficiary,
  organisationId: string,
  /** the desk checked that a person of close name and birth date is someone else */
  confirmNewPerson = false,
  /** when a new person is recorded: now, unless demo data replays an earlier day */
  at?: Date,
): Promise<string> {
  const person = await findOrInsertPerson(tx, {
    ...b,
    funderId: booklet.funderId,
    createdByOrganisationId: organisationId,
    ...(at ? { createdAt: at } : {}),
  });
  if (person.isNew) {
    // New to the funder under this spelling: is it someone already served, typed otherwise?
    if (!confirmNewPerson) await refuseCloseSpelling(tx, booklet, { ...b, funderId: booklet.funderId });
    return person.id;
  }
  const earlier = await earlierHandOuts(tx, booklet.programId, { ...b, funderId: booklet.funderId });
  const received = earlier.reduce((n, e) => n + e.passes, 0);
  const allowed = state.passesPerBeneficiary;
  const over = allowed === null ? earlier.length > 0 : received + booklet.size > allowed;
  if (over) throw await allowanceReached(tx, booklet.funderId, earlier, received, allowed);
  return person.id;
}

/** « , bloqué le 2 décembre 2026 », and what the person holds in its place. */
function blockedNote(e: { blockedOn: string | null; replacedBy: string | null }): string {
  if (!e.blockedOn) return '';
  const replaced = e.replacedBy ? ` et remplacé par le carnet ${e.replacedBy}` : '';
  return `, bloqué le ${frenchDate(e.blockedOn)}${replaced}`;
}

/** Earlier hand-outs with their prescriber's name, for the desk. */
function named(tx: Queryable, funderId: string, earlier: EarlierHandOut[]) {
  return Promise.all(
    earlier.map(async (e) => ({
      serial: e.serial,
      passes: e.passes,
      handedOutOn: e.handedOutOn,
      prescriber: e.prescriberId
        ? ((await funders.findOrganisation(tx, funderId, e.prescriberId))?.name ?? null)
        : null,
      blockedOn: e.blockedOn,
      replacedBy: e.replacedBy,
    })),
  );
}

const handOutText = (e: Awaited<ReturnType<typeof named>>[number]) =>
  `carnet ${e.serial} remis le ${frenchDate(e.handedOutOn)} par ${e.prescriber ?? 'une structure inconnue'}${blockedNote(e)}`;

/** The days a person born on `birthDate` may have been recorded as born: theirs, and its slips. */
export const birthDatesOf = (birthDate: string) => [birthDate, ...closeBirthDates(birthDate)];

/**
 * Whether a person recorded (names folded, birth date) may be the one typed: a close name
 * born the same day, or the same names on a day the date may have been typed as. A close
 * name on a close day is not: two slips at once would match too many people who are not the one.
 */
export function maySamePerson(
  typed: { first: string; last: string },
  birthDate: string,
  recorded: { firstKey: string; lastKey: string; birthDate: string },
): boolean {
  if (recorded.birthDate === birthDate)
    return closeNames(typed, { first: recorded.firstKey, last: recorded.lastKey });
  return recorded.firstKey === typed.first && recorded.lastKey === typed.last;
}

/**
 * Refuses a hand-out to a person new under this spelling when the programme already served
 * someone of the funder born the same day under a close name (« Jeanine » for « Jeannine »),
 * or under the same names on a day this one may have been typed as (day and month swapped, a
 * digit off: see closeBirthDates): the desk sees who, and hands out only after confirming
 * that this is another person (maySamePerson).
 */
async function refuseCloseSpelling(
  tx: Queryable,
  booklet: { funderId: string; programId: string },
  p: Beneficiary & { funderId: string },
) {
  const near = await handOutsBornOn(tx, booklet.programId, p, birthDatesOf(p.birthDate));
  if (near.length === 0) return;
  const keys = await nameKeys(tx, p);
  const close = near.filter((h) => maySamePerson(keys, p.birthDate, h));
  if (close.length === 0) return;
  const list = (await named(tx, booklet.funderId, close)).map((e, i) => ({
    ...e,
    // Initials only: the desk knows whom it has in front of it, and is asked whether it is
    // the person served then; a full name would tell anyone trying names who was.
    beneficiaryName: initials(close[i]!.firstName, close[i]!.lastName),
  }));
  const who = list.map((e) => `${e.beneficiaryName} (${handOutText(e)})`).join(' ; ');
  // The earlier birth date is not told, as the names are not: the desk asks the person.
  const sameDay = close.filter((h) => h.birthDate === p.birthDate).length;
  const someone =
    sameDay === close.length
      ? 'Une personne au nom proche, née le même jour,'
      : sameDay === 0
        ? 'Une personne du même nom, née un jour dont la date ne diffère de celle-ci que d’un chiffre ou par le jour et le mois inversés,'
        : 'Une personne au nom proche, née le même jour ou un jour dont la date ne diffère de celle-ci que d’un chiffre ou par le jour et le mois inversés,';
  const detail = `${someone} a déjà reçu des pass de ce dispositif : ${who}. Demandez-lui si elle a déjà reçu ce carnet. S’il s’agit d’elle, ne lui remettez pas un nouveau carnet ; s’il s’agit d’une autre personne, confirmez-le pour remettre le carnet.`;
  throw new DomainError(
    'beneficiary_possible_duplicate',
    detail,
    [{ field: 'beneficiary', message: detail }],
    {
      earlierHandOuts: list,
    },
  );
}

async function allowanceReached(
  tx: Queryable,
  funderId: string,
  earlier: EarlierHandOut[],
  received: number,
  allowed: number | null,
) {
  const handOuts = await named(tx, funderId, earlier);
  const list = handOuts.map(handOutText).join(' ; ');
  const rule =
    allowed === null
      ? 'un seul carnet par personne'
      : `au plus ${allowed} pass par personne ; elle en a déjà reçu ${received}`;
  // A lost booklet is replaced, not handed out anew: the desk is told the way.
  const toReplace = handOuts.some((e) => e.blockedOn && !e.replacedBy)
    ? ' : remettez-lui plutôt un carnet de remplacement (« Remplacer un carnet bloqué »)'
    : '';
  const detail = `Cette personne a déjà reçu des pass de ce dispositif (${rule}) : ${list}${toReplace}.`;
  return new DomainError(
    'beneficiary_allowance_reached',
    detail,
    [{ field: 'beneficiary', message: detail }],
    {
      earlierHandOuts: handOuts,
    },
  );
}
