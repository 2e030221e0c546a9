import { addMonths, businessDate, isIsoDate } from '../../core/dates.js';
import type { ErasureReason } from '../../core/erasure-reasons.js';
import { conflict, DomainError, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { parseBookletSerial, parsePassCode } from '../../core/pass-code.js';
import { type Actor, requireFunder } from '../../core/permissions.js';
import { personNameFault } from '../../core/person-name.js';
import { STANDARD_AUDIENCES } from '../../core/program/audiences.js';
import type { ProgramState } from '../../core/program/types.js';
import { communePlace } from '../../core/territory.js';
import type { Db, Queryable } from '../../db/client.js';
import { pgCodeOf } from '../../db/sqlstate.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as programs from '../programs/service.js';
import * as redemptions from '../redemptions/service.js';
import { birthDateIssues } from './eligibility.js';
import * as repo from './repo.js';

/*
 * What a person may ask of the funder that recorded them (docs/architecture.md, "A person's data"): to
 * see everything held about them, and to have it erased. The funder's admins answer these
 * requests; every reading of a person's record and every erasure is in the audit trail.
 * Erasure empties the names and the birth date; the pseudonymous row stays with its commune
 * and audience, so the statistics and the booklets' history survive (migration 0056).
 */

/** The people a search lists at most: a search is narrowed by typing more, not paged. */
const SEARCH_LIMIT = 20;

/** Why each field is kept: shown with the record, as the person is owed it (RGPD art. 13–15). */
export const PURPOSES = [
  {
    field: 'Nom, prénom et date de naissance',
    why: 'Reconnaître la personne à une prochaine remise, pour appliquer le nombre de pass auquel elle a droit et remplacer un carnet perdu ou volé.',
  },
  {
    field: 'Commune',
    why: 'Vérifier que la personne habite le territoire du dispositif ; compter les bénéficiaires par territoire.',
  },
  {
    field: 'Public',
    why: 'Vérifier que la personne fait partie des publics du dispositif ; compter les bénéficiaires par public.',
  },
  {
    field: 'Carnets et séances',
    why: 'Payer les lieux qui ont accueilli la personne et rendre compte de l’usage des pass au financeur et à l’État.',
  },
] as const;

export async function searchPeople(db: Queryable, actor: Actor, funderId: string, q: string) {
  requireFunder(actor, 'beneficiary:data', funderId, 'Financeur');
  const serial = parseBookletSerial(q);
  // A pass code read out by the person (a helpdesk's call): the holder of its booklet. A name
  // is never one: a code has 14 symbols of which the last checks the others.
  const code = parsePassCode(q);
  let rows: repo.PersonRow[];
  if (code.ok) rows = await repo.personHoldingPass(db, funderId, code.code);
  else if (serial.ok) rows = await repo.personHolding(db, funderId, serial.serial);
  else if (serial.reason === 'bad_check')
    throw invalid([
      {
        field: 'q',
        message:
          'Ce numéro de carnet est mal recopié : vérifiez-le, son dernier chiffre contrôle les autres.',
      },
    ]);
  else {
    if ((q.match(/\p{L}/gu) ?? []).length < 2)
      throw invalid([
        { field: 'q', message: 'Tapez au moins deux lettres du nom ou du prénom, ou le numéro d’un carnet.' },
      ]);
    rows = await repo.peopleNamed(db, funderId, q, SEARCH_LIMIT + 1);
  }
  const shown = rows.slice(0, SEARCH_LIMIT);
  // A list of people is a reading of their identities: audited like a record, with whom it
  // showed, never what was typed (a name would outlive the person's erasure in the journal).
  await audit.record(db, {
    actor,
    funderId,
    action: 'beneficiary.search',
    objectType: 'beneficiary',
    objectId: null,
    summary: {
      by: code.ok ? 'pass_code' : serial.ok ? 'serial' : 'name',
      beneficiaryIds: shown.map((p) => p.id),
    },
  });
  return { people: shown.map(summary), more: rows.length > SEARCH_LIMIT };
}

function summary(p: repo.PersonRow) {
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate,
    commune: communeOf(p.communeCode),
    booklets: p.booklets,
    lastHandOutOn: p.lastHandOutOn,
    erasedAt: p.erasedAt?.toISOString() ?? null,
  };
}

const communeOf = (code: string) => ({ code, name: communePlace(code)?.name ?? code });

/**
 * Everything held about a person: identity, booklets, the sessions their passes paid, why each
 * field is kept and until when. Each reading is audited: it shows a person's identity.
 */
export async function personRecord(db: Queryable, actor: Actor, funderId: string, personId: string) {
  requireFunder(actor, 'beneficiary:data', funderId, 'Financeur');
  const person = await repo.findPerson(db, funderId, personId);
  if (!person) throw notFound('Bénéficiaire');
  const booklets = await repo.bookletsOfPerson(db, person.id);
  const sessions = await redemptions.sessionsOfPasses(
    db,
    booklets.flatMap((b) => b.passIds),
  );
  const programIds = [...new Set(booklets.map((b) => b.programId))];
  const programNames = await programs.namesOf(db, programIds);
  const today = businessDate();
  // Each programme's state today, read once: its publics' labels and its closure.
  const states: ProgramState[] = [];
  for (const id of programIds) {
    const state = await programs.stateAsOf(db, id, today);
    if (state) states.push(state);
  }
  const names = await funders.organisationNames(db, [
    ...booklets.flatMap((b) => (b.prescriberId ? [b.prescriberId] : [])),
    ...sessions.map((s) => s.placeId),
    ...(person.recordedBy ? [person.recordedBy] : []),
  ]);
  const serialOfPass = new Map(booklets.flatMap((b) => b.passIds.map((id) => [id, b.serial] as const)));
  await audit.record(db, {
    actor,
    funderId,
    action: 'beneficiary.record_read',
    objectType: 'beneficiary',
    objectId: person.id,
    summary: {},
  });
  return {
    person: {
      ...summary(person),
      audience: { code: person.audience, label: audienceLabel(states, person.audience) },
      recordedOn: businessDate(person.recordedAt),
      recordedBy: person.recordedBy ? (names.get(person.recordedBy) ?? null) : null,
    },
    booklets: booklets.map((b) => ({
      serial: b.serial,
      programName: programNames.get(b.programId) ?? '',
      handedOutOn: b.handedOutOn,
      prescriberName: b.prescriberId ? (names.get(b.prescriberId) ?? null) : null,
      status: b.status as 'handed_out' | 'blocked',
      blockedOn: b.blockedOn,
      blockReason: b.blockReason as 'lost' | 'stolen' | null,
      replacesSerial: b.replacesSerial,
      passes: b.passes,
      passesUsed: b.passesUsed,
      validUntil: b.validUntil,
    })),
    sessions: sessions.map((s) => ({
      sessionOn: s.sessionOn,
      placeName: names.get(s.placeId) ?? '',
      programName: programNames.get(s.programId) ?? '',
      serial: serialOfPass.get(s.passId) ?? '',
      theme: s.theme,
      durationMinutes: s.durationMinutes,
      format: s.format as 'individual' | 'collective',
    })),
    purposes: PURPOSES.map((p) => ({ ...p })),
    retention: retentionOf(await funders.beneficiaryRetentionMonths(db, funderId), states),
    readOn: today,
  };
}

/** The audience's label as the person's programmes name it (the standard's when they do not). */
function audienceLabel(states: ProgramState[], code: string) {
  for (const state of states) {
    const found = state.audiences.find((a) => a.code === code);
    if (found) return found.label;
  }
  return STANDARD_AUDIENCES[code]?.label ?? code;
}

/**
 * Until when the person's names and birth date are kept: the funder's months after the
 * closure of the last of the person's programmes (its usage end when it has no closure date).
 */
function retentionOf(months: number, states: ProgramState[]) {
  let eraseOn: string | null = null;
  for (const state of states) {
    const due = addMonths(state.calendar.closure ?? state.calendar.usageEnd, months);
    if (eraseOn === null || due > eraseOn) eraseOn = due;
  }
  return { months, eraseOn };
}

/**
 * Erases a person's names and birth date at their request (RGPD art. 17), with the reason,
 * chosen from a list, kept in the audit trail. Their booklets keep working: a pass is a bearer voucher. Once
 * erased, the person is no longer recognised at a next hand-out, which the admin is told
 * before confirming.
 */
export async function erase(
  db: Db,
  actor: Actor,
  funderId: string,
  personId: string,
  erasureReason: ErasureReason,
) {
  requireFunder(actor, 'beneficiary:data', funderId, 'Financeur');
  return db.transaction(async (tx) => {
    const person = await repo.findPerson(tx, funderId, personId, true);
    if (!person) throw notFound('Bénéficiaire');
    if (person.erasedAt)
      throw conflict(
        'beneficiary_already_erased',
        `Les données de cette personne ont déjà été effacées le ${businessDate(person.erasedAt)}.`,
      );
    await repo.erasePerson(tx, person.id);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'beneficiary.erase',
      objectType: 'beneficiary',
      objectId: person.id,
      summary: { erasureReason },
    });
    const erased = await repo.findPerson(tx, funderId, person.id);
    return summary(erased!);
  });
}

/**
 * Corrects a person's identity mistyped at the desk (RGPD art. 16), for the funder's admins:
 * the same row, so that the person keeps their booklets, sessions and allowance. The journal
 * says which fields changed, never their values (it outlives an erasure).
 */
export async function rectify(
  db: Db,
  actor: Actor,
  funderId: string,
  personId: string,
  identity: { firstName: string; lastName: string; birthDate: string },
) {
  requireFunder(actor, 'beneficiary:data', funderId, 'Financeur');
  const issues: FieldIssue[] = [];
  for (const field of ['firstName', 'lastName'] as const) {
    const fault = personNameFault(identity[field]);
    if (fault) issues.push({ field, message: fault });
  }
  if (!isIsoDate(identity.birthDate))
    issues.push({ field: 'birthDate', message: 'Date de naissance invalide.' });
  else {
    issues.push(
      ...birthDateIssues(identity.birthDate, businessDate()).map((i) => ({ ...i, field: 'birthDate' })),
    );
  }
  if (issues.length) throw invalid(issues);
  return db.transaction(async (tx) => {
    const person = await repo.findPerson(tx, funderId, personId, true);
    if (!person) throw notFound('Bénéficiaire');
    if (person.erasedAt)
      throw conflict(
        'beneficiary_already_erased',
        `Les données de cette personne ont été effacées le ${businessDate(person.erasedAt)} : il n’y a plus rien à rectifier.`,
      );
    const fields = (['firstName', 'lastName', 'birthDate'] as const).filter((f) => identity[f] !== person[f]);
    if (fields.length === 0) return summary(person);
    try {
      await tx.transaction((sp) => repo.rectifyPerson(sp, person.id, identity));
    } catch (error) {
      if (pgCodeOf(error) !== '23505') throw error;
      const message =
        'Une autre personne de ce financeur porte déjà ces nom, prénom et date de naissance : s’il s’agit de la même personne, ne rectifiez pas, signalez le doublon à l’administrateur.';
      throw new DomainError('beneficiary_identity_taken', message, [{ field: 'lastName', message }]);
    }
    await audit.record(tx, {
      actor,
      funderId,
      action: 'beneficiary.rectify',
      objectType: 'beneficiary',
      objectId: person.id,
      summary: { fields },
    });
    return summary((await repo.findPerson(tx, funderId, person.id))!);
  });
}

/**
 * What a person is told when their data is recorded (RGPD art. 13): who keeps it (the funder),
 * why each piece, for how long, who sees it, and their rights. Every member of the funder reads
 * it: the prescriber's desk shows it and prints it for the person.
 */
export async function privacyNotice(db: Queryable, actor: Actor, funderId: string) {
  requireFunder(actor, 'funder:read', funderId, 'Financeur');
  return { ...(await funders.privacyOf(db, funderId)), purposes: PURPOSES.map((p) => ({ ...p })) };
}
