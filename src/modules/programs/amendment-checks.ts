import { isDeepStrictEqual } from 'node:util';
import { businessDate, frenchDate, isIsoDate } from '../../core/dates.js';
import { conflict, type FieldIssue, invalid } from '../../core/errors.js';
import { lastRecordingDay } from '../../core/late-session.js';
import { formatEuros } from '../../core/money.js';
import {
  type Amendment,
  checkEnvelopeCaps,
  type Envelope,
  type ProgramState,
  payerShares,
  programAsOf,
  validateChanges,
  validateProgramState,
} from '../../core/program/index.js';
import { deliberationDates, programDates } from '../../core/program/plausible-dates.js';
import type { Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import { capMessage } from './envelopes.js';
import * as repo from './repo.js';
import { fmt, prefixed, withDates } from './shared.js';

/**
 * The checks of a deliberation before it is recorded: its dates of decision and effect, the
 * amendment it rectifies, the programme valid at every later date and its envelopes within the
 * plan, a calendar that still covers what was done, a usage end moved into the past (told, for
 * the funder to confirm), and co-funders dropped although they have paid.
 */

/**
 * A co-funder's payments are recorded under its name (the ledger's `payer:` accounts), which
 * its share is matched by: a co-funder that has paid and that the amendment drops or renames
 * would be called again for all it paid, while the closure still listed its money under the
 * old name. Its share and rule may change, and co-funders may be added; not that. Null when
 * none is dropped.
 */
export async function cofundersDroppedWithPayments(
  tx: Queryable,
  programId: string,
  existing: Amendment[],
  candidate: Amendment,
): Promise<string | null> {
  const before = programAsOf(existing, FAR_FUTURE)?.budget.cofunders ?? [];
  const after = new Set(
    (programAsOf([...existing, candidate], FAR_FUTURE)?.budget.cofunders ?? []).map((c) => c.name),
  );
  const gone = before.filter((c) => !after.has(c.name));
  if (!gone.length) return null;
  const paid = (await ledger.balancesOf(tx, programId)).byPayer.filter((p) => p.amountCents > 0);
  const lost = gone.flatMap((c) => paid.filter((p) => p.payer === c.name));
  if (!lost.length) return null;
  return `${lost
    .map(
      (p) => `« ${p.payer} » a déjà versé ${formatEuros(p.amountCents)} au dispositif, enregistrés à ce nom`,
    )
    .join(
      ' ; ',
    )} : gardez-le dans la liste des cofinanceurs sous ce nom (sa part et sa règle peuvent changer).`;
}

/**
 * Shares cut below what their payer has already paid (the funder's remainder included, which
 * grows and shrinks with the co-funders'): the difference would be owed back at the closure. A
 * convention may do that (an advance paid before a share was cut), so the funder confirms it,
 * as a funding past a payer's share (finance/payers.ts). The payers cut and what it means, in
 * words; null when no share falls below what was paid, or the amendment does not lower it.
 */
export async function sharesCutBelowPaid(
  tx: Queryable,
  program: { id: string; funderId: string },
  existing: Amendment[],
  candidate: Amendment,
): Promise<{ payers: string[]; message: string } | null> {
  const before = programAsOf(existing, FAR_FUTURE);
  const after = programAsOf([...existing, candidate], FAR_FUTURE);
  if (!before || !after) return null;
  const funderName = await funders.nameOf(tx, program.funderId);
  const shares = (state: ProgramState) =>
    new Map(payerShares(state, funderName).map((p) => [p.name, p.shareCents] as const));
  const [was, will] = [shares(before), shares(after)];
  const paid = (await ledger.balancesOf(tx, program.id)).byPayer;
  const cut = paid.flatMap(({ payer, amountCents }) => {
    const share = will.get(payer);
    if (share === undefined || share >= amountCents || share >= (was.get(payer) ?? Number.POSITIVE_INFINITY))
      return [];
    return [{ payer, share, paid: amountCents }];
  });
  if (!cut.length) return null;
  const sentences = cut.map(
    (c) =>
      `La part de « ${c.payer} » au budget passerait à ${formatEuros(c.share)}, alors qu’il a déjà versé ${formatEuros(c.paid)} : ${formatEuros(c.paid - c.share)} seraient à lui rendre à la clôture.`,
  );
  return {
    payers: cut.map((c) => c.payer),
    message: `${sentences.join(' ')} Confirmez pour enregistrer la délibération quand même.`,
  };
}

/**
 * A usage end that the amendment moves earlier, to a day already past, is acted on by the next
 * hourly run (closing/end-of-programme) and cannot be undone: the passes never handed out are
 * cancelled, those handed out expire once the tolerance is over. What it would do, in words,
 * for the funder to confirm; null when the usage end stays ahead or does not move earlier.
 */
export async function usageEndMovedIntoPast(
  tx: Queryable,
  programId: string,
  existing: Amendment[],
  candidate: Amendment,
): Promise<string | null> {
  const before = programAsOf(existing, FAR_FUTURE);
  const after = programAsOf([...existing, candidate], FAR_FUTURE);
  if (!before || !after) return null;
  const today = businessDate();
  const end = after.calendar.usageEnd;
  if (end >= today || end >= before.calendar.usageEnd) return null;
  return pastUsageEndMessage(
    { usageEnd: end, lastRecordingDay: lastRecordingDay(after), today },
    await repo.passesAtStake(tx, programId),
  );
}

export function pastUsageEndMessage(
  dates: { usageEnd: string; lastRecordingDay: string; today: string },
  stake: { neverHandedOut: number; handedOutUnused: number },
): string {
  const expiry =
    dates.lastRecordingDay < dates.today
      ? 'dès la prochaine heure, le délai des séances tardives étant lui aussi passé'
      : `après le ${frenchDate(dates.lastRecordingDay)}, fin du délai des séances tardives`;
  return [
    `La fin d’utilisation (${frenchDate(dates.usageEnd)}) est passée.`,
    `À la prochaine heure, ${fmt(stake.neverHandedOut)} pass jamais remis seront annulés (ou reportés, si un report est décidé) ;`,
    `${fmt(stake.handedOutUnused)} pass remis et non utilisés expireront ${expiry}.`,
    'Ni l’un ni l’autre ne se défait. Confirmez pour enregistrer cette délibération quand même.',
  ].join(' ');
}

/** A day after every effective date: the programme as its amendments leave it in the end. */
export const FAR_FUTURE = '9999-12-31';

/**
 * What was done under the calendar stays within it: the distribution cannot end before a
 * booklet already handed out, nor the usage before a session already paid by a pass (that
 * session would be owed, or paid, by a programme that says it had ended).
 */
export function checkCalendarCoversActivity(
  state: ProgramState | null,
  last: { handOut: string | null; session: string | null },
) {
  if (!state) return;
  const { distributionEnd, usageEnd } = state.calendar;
  const issues: FieldIssue[] = [];
  if (last.handOut && distributionEnd < last.handOut)
    issues.push({
      field: 'changes.calendar.distributionEnd',
      message: `Un carnet a déjà été remis le ${frenchDate(last.handOut)} : la fin de distribution (${frenchDate(distributionEnd)}) ne peut pas être avant.`,
    });
  if (last.session && usageEnd < last.session)
    issues.push({
      field: 'changes.calendar.usageEnd',
      message: `Une séance du ${frenchDate(last.session)} a déjà été payée par un pass de ce dispositif : la fin d'utilisation (${frenchDate(usageEnd)}) ne peut pas être avant.`,
    });
  if (issues.length)
    throw conflict('calendar_before_activity', issues.map((i) => i.message).join(' '), issues);
}

/**
 * A deliberation takes effect on or after the day it was decided, never before; and it was
 * decided: a vote to come is recorded once it has taken place (its effect may be ahead).
 */
export function decisionIssues(input: { effectiveOn: string; legal: { decidedOn: string } }): FieldIssue[] {
  const { decidedOn } = input.legal;
  const today = businessDate();
  if (isIsoDate(decidedOn) && decidedOn > today)
    return [
      {
        field: 'legal.decidedOn',
        message: `La date de décision (${frenchDate(decidedOn)}) est à venir : enregistrez la délibération une fois votée, au plus tard avec la date d'aujourd'hui (${frenchDate(today)}).`,
      },
    ];
  if (decidedOn <= input.effectiveOn) return [];
  return [
    {
      field: 'legal.decidedOn',
      message: `La date de décision (${frenchDate(decidedOn)}) ne peut être postérieure à la date d'effet (${frenchDate(input.effectiveOn)}).`,
    },
  ];
}

/**
 * The same deliberation recorded twice for the same day (the form sent again from a second tab,
 * or typed twice): the second would only repeat or contradict the first. One deliberation may
 * change the programme on two dates, recorded once for each; what it says wrongly is corrected
 * by a rectifying deliberation.
 */
export function refuseRecordedTwice(existing: Amendment[], candidate: Amendment) {
  const same = existing.find(
    (a) =>
      a.legal.number.trim().toLowerCase() === candidate.legal.number.trim().toLowerCase() &&
      a.legal.body.trim().toLowerCase() === candidate.legal.body.trim().toLowerCase() &&
      a.effectiveOn === candidate.effectiveOn,
  );
  if (!same) return;
  const message = `La délibération n° ${same.legal.number} prenant effet le ${frenchDate(same.effectiveOn)} est déjà enregistrée pour ce dispositif : pour corriger ce qu’elle dit, enregistrez une délibération rectificative.`;
  throw conflict('deliberation_recorded', message, [{ field: 'legal.number', message }]);
}

/**
 * The amendment to rectify: one of this programme's, not the creation, not already rectified,
 * decided before the rectification (which corrects what it says).
 */
export function checkRectified(existing: Amendment[], id: string, rectifying: Amendment): Amendment {
  const target = existing.find((a) => a.id === id);
  if (!target) {
    throw invalid([{ field: 'rectifies', message: "Cette délibération n'appartient pas à ce dispositif." }]);
  }
  if (target.kind === 'creation') {
    throw invalid([
      {
        field: 'rectifies',
        message:
          'La délibération fondatrice ne se rectifie pas : enregistrez une délibération modificative qui corrige ses valeurs.',
      },
    ]);
  }
  const by = existing.find((a) => a.rectifies === id);
  if (by) {
    const message = `Cette délibération a déjà été rectifiée par la délibération n° ${by.legal.number} : rectifiez celle-ci.`;
    throw conflict('amendment_already_rectified', message, [{ field: 'rectifies', message }]);
  }
  if (sameEffect(target, rectifying)) {
    throw invalid([
      {
        field: 'changes',
        message: `Cette rectification reprend la délibération n° ${target.legal.number} telle quelle (même date d'effet, mêmes modifications) : indiquez ce qu'elle corrige.`,
      },
    ]);
  }
  if (rectifying.legal.decidedOn < target.legal.decidedOn) {
    throw invalid([
      {
        field: 'legal.decidedOn',
        message: `La délibération n° ${target.legal.number} a été décidée le ${frenchDate(target.legal.decidedOn)} : sa rectification ne peut être décidée avant.`,
      },
    ]);
  }
  return target;
}

/**
 * A rectification with the date of effect and the changes of the amendment it rectifies would
 * only swap one deliberation number for another: the funder meant to correct something and
 * left the form as it was. Compared as stored (JSON), so that a key left undefined is no change.
 */
function sameEffect(target: Amendment, rectifying: Amendment): boolean {
  const stored = (changes: Amendment['changes']) => JSON.parse(JSON.stringify(changes));
  return (
    target.effectiveOn === rectifying.effectiveOn &&
    isDeepStrictEqual(stored(target.changes), stored(rectifying.changes))
  );
}

export function checkAmendment(
  existing: Amendment[],
  candidate: Amendment,
  envelopes: Envelope[],
  rectifiedOn?: string,
) {
  const found = [...prefixed('changes', validateChanges(candidate.changes)), ...decisionIssues(candidate)];
  if (Object.keys(candidate.changes).length === 0) {
    found.push({ field: 'changes', message: 'Indiquez au moins un élément modifié par la délibération.' });
  }
  const creation = existing.find((a) => a.kind === 'creation')!;
  if (candidate.effectiveOn < creation.effectiveOn) {
    found.push({
      field: 'effectiveOn',
      message: `La date d'effet ne peut précéder la création du dispositif (${frenchDate(creation.effectiveOn)}).`,
    });
  }
  const issues = withDates(
    [...deliberationDates(candidate), ...programDates(candidate.changes, 'changes.')],
    found,
  );
  if (issues.length) throw invalid(issues);
  const after = [...existing, candidate];
  // Later amendments keep applying on top: the programme must be valid at each of their dates too,
  // and from the rectified amendment's date on, which no longer counts.
  const from = rectifiedOn && rectifiedOn < candidate.effectiveOn ? rectifiedOn : candidate.effectiveOn;
  for (const date of new Set(after.map((a) => a.effectiveOn).filter((d) => d >= from))) {
    const stateIssues = validateProgramState(programAsOf(after, date)!);
    if (stateIssues.length)
      throw invalid(
        prefixed('changes', stateIssues),
        `Au ${frenchDate(date)}, le dispositif deviendrait incohérent.`,
      );
  }
  const violation = checkEnvelopeCaps(after, envelopes);
  if (violation) {
    throw conflict('envelopes_over_cap', capMessage(violation), [
      { field: 'changes.plannedPasses', message: capMessage(violation) },
    ]);
  }
}
