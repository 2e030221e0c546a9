import { consoleUrl, day, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

type Params = TemplateParams['qualification_decision'];

/** What the funder did, in a sentence whose subject is the funder. */
const DID: Record<Params['decision'], (place: string) => string> = {
  approved: (place) => `a qualifié ${place}`,
  refused: (place) => `a refusé la candidature de ${place}`,
  suspended: (place) => `a suspendu ${place}`,
  reinstated: (place) => `a rétabli ${place}`,
  revoked: (place) => `a retiré à ${place} sa qualification`,
};

const SUBJECT: Record<Params['decision'], string> = {
  approved: 'Lieu qualifié',
  refused: 'Candidature refusée',
  suspended: 'Lieu suspendu',
  reinstated: 'Lieu rétabli',
  revoked: 'Qualification retirée',
};

/** A recorded session is owed whatever the standing: statements are made of what was recorded. */
const OWED =
  'Les séances déjà enregistrées restent dues : elles figurent sur vos relevés et seront payées comme les autres.';

/**
 * What the place may still do, as the desk and the service decide it: a session is judged with
 * the place's standing on the day it was given (migration 0092), so a suspended or withdrawn
 * place still records, with its day, a session it gave before the decision, and none given
 * while it was suspended, even once reinstated.
 */
function whatRemains(p: Params): string[] {
  switch (p.decision) {
    case 'approved':
      return ['Le lieu peut encaisser les pass de ce dispositif dès maintenant.'];
    case 'refused':
      if (p.programClosed)
        return [
          'Le dispositif a été clos avant la décision : il ne prend plus de nouveaux lieux, et cette candidature reste sans suite. Le lieu n’encaisse pas les pass de ce dispositif ; il pourra candidater aux prochains dispositifs du financeur.',
        ];
      return [
        'Le lieu n’encaisse pas les pass de ce dispositif. Il peut reprendre sa candidature depuis la page Qualification (répondre de nouveau au questionnaire) : le financeur décidera de nouveau.',
      ];
    case 'suspended':
      return [
        `Tant que ${p.funderName} ne l’a pas rétabli, le lieu ne peut encaisser aucun pass de ce dispositif pour une séance donnée depuis la suspension. Une séance donnée avant et pas encore enregistrée peut l’être, à sa date (« Date de la séance »), dans les délais du dispositif. Les pass des autres dispositifs s’encaissent comme avant.`,
        OWED,
      ];
    case 'reinstated':
      return [
        'Le lieu peut de nouveau encaisser les pass de ce dispositif. Une séance donnée avant la suspension et pas encore enregistrée peut l’être, à sa date (« Date de la séance »), dans les délais du dispositif ; une séance donnée pendant la suspension ne peut pas être payée par ce dispositif.',
      ];
    case 'revoked':
      return [
        'Le lieu ne peut plus encaisser les pass de ce dispositif pour une séance donnée depuis la décision. Une séance donnée quand il était qualifié et pas encore enregistrée peut l’être, à sa date (« Date de la séance »), dans les délais du dispositif. Les pass des autres dispositifs s’encaissent comme avant.',
        OWED,
        `Une nouvelle qualification pour ce dispositif est une décision de ${p.funderName} : adressez-vous à lui avant de candidater de nouveau.`,
      ];
  }
}

/** Whom to ask: the funder's contact for its places, when it gave one. */
function askFunder(p: Params): string[] {
  if (!p.contact?.email) return [];
  const phone = p.contact.phone ? ` ou appelez le ${p.contact.phone}` : '';
  return [`Pour toute question, écrivez à ${p.funderName} (${p.contact.email})${phone}.`];
}

/**
 * To each admin of a place: a funder decided on its qualification for one of its programmes.
 * The place learns it the day it is decided, with the reason, rather than from a pass refused
 * at its desk.
 */
export function qualificationDecision(p: Params, ctx: RenderContext) {
  const program = `« ${p.programName} »`;
  return message(`${SUBJECT[p.decision]} pour ${program} – ${p.placeName}`, 'Bonjour,', [
    `${p.funderName} ${DID[p.decision](p.placeName)} pour le dispositif ${program}, le ${day(p.effectiveOn)}.`,
    ...(p.reason ? [`Motif : ${p.reason}`] : []),
    ...whatRemains(p),
    ...askFunder(p),
    p.decision === 'approved' || p.decision === 'reinstated'
      ? { label: 'Encaisser des pass', href: consoleUrl(ctx, 'place', '/lieu', p.placeId) }
      : {
          label: 'Voir la qualification du lieu',
          href: consoleUrl(ctx, 'place', '/lieu/qualification', p.placeId),
        },
  ]);
}
