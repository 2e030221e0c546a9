import type { Application, PlaceDecision, PlaceProgram, Standing } from '../../../api/qualification';
import { formatDate } from '../../../lib/format';

/**
 * What a place may still do once a funder suspended or withdrew it, as the server decides it:
 * a session is judged with the place's standing on the day it was given (migration 0092), so one
 * given before the decision may still be recorded with its day, within the programme's delays,
 * and none given since; what was recorded is on the statements and paid (the e-mail of the
 * decision says the same).
 */
export const OWED =
  'Les séances déjà enregistrées restent dues : elles figurent sur vos relevés et seront payées.';
export const SUSPENDED_NOW =
  'Tant que le financeur ne vous a pas rétabli, aucun pass de ce dispositif ne peut être encaissé ici pour une séance donnée depuis la suspension. Une séance donnée avant peut encore être enregistrée, dans les délais du dispositif : indiquez le jour où elle a eu lieu dans « Date de la séance ».';
export const WITHDRAWN_NOW =
  'Les pass de ce dispositif ne peuvent plus être encaissés ici pour une séance donnée depuis la décision. Une séance donnée quand le lieu était qualifié peut encore être enregistrée, dans les délais du dispositif : indiquez le jour où elle a eu lieu dans « Date de la séance ».';
/** The place stopped taking a programme's passes itself: the same as a withdrawal, from its word. */
export const LEFT_NOW =
  'Les pass de ce dispositif ne sont plus encaissés ici pour une séance donnée depuis ce jour. Une séance donnée avant peut encore être enregistrée, dans les délais du dispositif : indiquez le jour où elle a eu lieu dans « Date de la séance ».';
/** The way back after leaving: the usual application, which the funder answers. */
export const APPLY_AGAIN_AFTER_LEAVING =
  'Pour reprendre les pass de ce dispositif, candidatez de nouveau (répondre au questionnaire) : le financeur décidera.';
/** The service takes a new application, but only the funder may qualify the place again. */
export const APPLY_AGAIN_AFTER_WITHDRAWAL =
  'Une nouvelle qualification pour ce dispositif est une décision du financeur : adressez-vous à lui avant de candidater de nouveau.';

/**
 * « Région a retiré la qualification du lieu le 3 décembre 2026 : Fermeture du lieu. »; the
 * place's own leaving: « Le lieu a cessé de prendre les pass le 3 décembre 2026 (à sa demande) : … ».
 */
export function decisionSentence(d: PlaceDecision): string {
  if (d.decision === 'left') return `Le lieu ${leftOn(d)}${d.reason ? ` : ${d.reason}` : ''}.`;
  const what = {
    approved: 'a qualifié le lieu',
    refused: 'a refusé la candidature du lieu',
    suspended: 'a suspendu le lieu',
    reinstated: 'a rétabli le lieu',
    revoked: 'a retiré la qualification du lieu',
  }[d.decision];
  return `${d.funderName} ${what} le ${formatDate(d.effectiveOn)}${d.reason ? ` : ${d.reason}` : ''}.`;
}

/** « a cessé de prendre les pass le 3 décembre 2026 (à sa demande) » */
const leftOn = (d: PlaceDecision) =>
  `a cessé de prendre les pass le ${formatDate(d.effectiveOn)} (à sa demande)`;

/** « motif : … », after a status that says who decided and when. */
const reasonOf = (d: PlaceDecision | undefined) => (d?.reason ? `motif : ${d.reason}` : null);

export interface ProgramStatus {
  /** after « Statut : » */
  status: string;
  /** after the status: the reason of the decision that stands; null when none does */
  decision: string | null;
  /** what the place may do now; empty when the status says it all */
  next: string[];
}

/**
 * A programme's status on the place's qualification page. A withdrawal or a refusal leaves the
 * place with no standing, like a place that never applied: it read « Candidature à compléter »
 * (or « en attente de la décision du financeur »), as if it were invited to apply. The latest
 * decision says what happened, until the place applies anew after it.
 */
export function programStatus(p: {
  standing: Standing | undefined;
  /** the funder's decisions for this programme, oldest first */
  decisions: PlaceDecision[];
  application: Pick<Application, 'submittedAt'> | null;
  complete: boolean;
  /**
   * The programme takes no new places any more (the server's `takesApplications` false): an
   * application not answered by then will not be, unless the funder refuses it.
   */
  programClosed?: boolean;
}): ProgramStatus {
  const last = p.decisions.at(-1);
  if (p.standing === 'suspended')
    return {
      status: last ? `Suspendu par ${last.funderName} le ${formatDate(last.effectiveOn)}` : 'Suspendu',
      decision: reasonOf(last),
      next: [SUSPENDED_NOW, OWED],
    };
  if (p.standing === 'approved')
    return { status: 'Qualifié', decision: last?.reason ? decisionSentence(last) : null, next: [] };
  const appliedSince = last && p.application && new Date(p.application.submittedAt) > new Date(last.at);
  if (last?.decision === 'revoked' && !appliedSince)
    return {
      status: `Qualification retirée par ${last.funderName} le ${formatDate(last.effectiveOn)}`,
      decision: reasonOf(last),
      next: [WITHDRAWN_NOW, OWED, APPLY_AGAIN_AFTER_WITHDRAWAL],
    };
  if (last?.decision === 'left' && !appliedSince)
    return {
      status: `A cessé de prendre les pass le ${formatDate(last.effectiveOn)} (à sa demande)`,
      decision: reasonOf(last),
      next: [LEFT_NOW, OWED, APPLY_AGAIN_AFTER_LEAVING],
    };
  if (last?.decision === 'refused' && !appliedSince)
    return {
      status: `Candidature refusée par ${last.funderName} le ${formatDate(last.effectiveOn)}`,
      decision: reasonOf(last),
      next: [
        'Vous pouvez reprendre la candidature (répondre de nouveau au questionnaire) : le financeur décidera de nouveau.',
      ],
    };
  // It read « en attente de la décision du financeur » forever: nobody decides in a closed programme.
  if (p.programClosed && p.application && (!last || appliedSince))
    return { status: 'Programme clos avant la décision : demande sans suite', decision: null, next: [] };
  return {
    status: p.complete
      ? 'Candidature complète, en attente de la décision du financeur'
      : 'Candidature à compléter',
    decision: null,
    next: [],
  };
}

/**
 * The programmes whose funder withdrew the place, or that the place stopped taking itself, with
 * that entry: no standing now and a withdrawal or a leaving as the latest entry (a new approval
 * since would have given it a standing).
 */
export function withdrawals(programs: PlaceProgram[], decisions: PlaceDecision[]): PlaceDecision[] {
  const latest = new Map<string, PlaceDecision>();
  for (const d of decisions) latest.set(d.programId, d);
  return [...latest.values()].filter(
    (d) =>
      (d.decision === 'revoked' || d.decision === 'left') &&
      !programs.some((p) => p.programId === d.programId),
  );
}
