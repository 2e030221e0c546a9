import { businessDate, isIsoDate } from '../../core/dates.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import { parseBookletSerial } from '../../core/pass-code.js';
import type { Actor } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import { checkTerritory } from '../funders/service.js';
import * as programs from '../programs/service.js';
import * as repo from './stock-repo.js';

export interface HandOutInput {
  serial: string;
  handedOutOn?: string;
  beneficiary: {
    firstName: string;
    lastName: string;
    birthDate: string;
    communeCode: string;
    audience: string;
  };
}

/**
 * A prescriber's agent hands a booklet of its stock to a person: the person is recorded
 * and the booklet's passes become valid from today until the programme's usage end.
 */
export async function handOut(db: Queryable, actor: Actor, organisationId: string, input: HandOutInput) {
  const membership = actor.memberships.find(
    (m) => m.role === 'prescriber_agent' && m.organisationId === organisationId,
  );
  if (!membership) throw notFound('Structure');
  const parsed = parseBookletSerial(input.serial);
  if (!parsed.ok)
    throw invalid([
      { field: 'serial', message: 'Numéro de carnet illisible : vérifiez-le sur la couverture.' },
    ]);
  const on = input.handedOutOn ?? businessDate();
  const b = input.beneficiary;
  const issues = checkTerritory([{ level: 'commune', code: b.communeCode }], 'beneficiary.communeCode').map(
    (i) => ({
      ...i,
      field: 'beneficiary.communeCode',
    }),
  );
  if (!isIsoDate(b.birthDate) || b.birthDate >= on) {
    issues.push({ field: 'beneficiary.birthDate', message: 'Date de naissance invalide.' });
  }
  if (issues.length) throw invalid(issues);
  return db.transaction(async (tx) => {
    const booklet = await repo.bookletForHandOut(tx, parsed.serial);
    if (!booklet || booklet.funderId !== membership.funderId) throw notFound('Carnet');
    if (booklet.status !== 'allocated' || booklet.holderId !== organisationId) {
      throw conflict('booklet_not_in_stock', "Ce carnet n'est pas dans le stock de votre structure.", [
        { field: 'serial', message: "Ce carnet n'est pas dans le stock de votre structure." },
      ]);
    }
    const { state } = await programs.lockAsOf(tx, null, booklet.programId, on);
    if (!state || on < state.calendar.distributionStart || on > state.calendar.distributionEnd) {
      throw conflict(
        'distribution_closed',
        "La distribution de ce dispositif n'est pas ouverte à cette date.",
        [{ field: 'handedOutOn', message: "La distribution n'est pas ouverte à cette date." }],
      );
    }
    if (!state.audiences.includes(b.audience)) {
      throw invalid([
        { field: 'beneficiary.audience', message: "Ce public n'est pas éligible à ce dispositif." },
      ]);
    }
    if ((await repo.inactivePasses(tx, booklet.id)) > 0) {
      throw conflict(
        'booklet_not_funded',
        "Ce carnet n'est pas encore financé : ses pass ne peuvent pas circuler.",
        [{ field: 'serial', message: "Ce carnet n'est pas encore financé." }],
      );
    }
    const person = await repo.insertBeneficiary(tx, {
      funderId: booklet.funderId,
      ...b,
      createdByOrganisationId: organisationId,
    });
    await repo.handOut(tx, booklet.id, person.id, on, state.calendar.usageEnd);
    await audit.record(tx, {
      actor,
      funderId: booklet.funderId,
      action: 'booklet.hand_out',
      objectType: 'booklet',
      objectId: parsed.serial,
      // The person's name stays out of the journal, which outlives erasure.
      summary: {
        organisationId,
        beneficiaryId: person.id,
        handedOutOn: on,
        validUntil: state.calendar.usageEnd,
      },
    });
    return {
      serial: parsed.serial,
      beneficiaryId: person.id,
      validFrom: on,
      validUntil: state.calendar.usageEnd,
    };
  });
}
