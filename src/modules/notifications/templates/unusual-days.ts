import { DEFAULT_UNUSUAL_DAY, timesInWords } from '../../../core/unusual-day.js';
import { consoleUrl, day, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

type Params = TemplateParams['unusual_days'];

const passes = (n: number) => `${n.toLocaleString('fr-FR')} pass`;

function usual(p: Params['places'][number]): string {
  if (p.usualPerDay === null) return 'aucun les quatre semaines d’avant';
  return `d’habitude ${p.usualPerDay.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} par jour d’activité`;
}

/** The morning after: which places to look at, and where the dashboard shows them. */
export function unusualDays(p: Params, ctx: RenderContext) {
  const one = p.places.length === 1;
  const { minimum, factor } = p.rule ?? DEFAULT_UNUSUAL_DAY;
  return message(`Journée inhabituelle du ${day(p.day)} : « ${p.programName} »`, 'Bonjour,', [
    `Le ${day(p.day)}, ${one ? 'un lieu a' : `${p.places.length} lieux ont`} encaissé bien plus de pass du dispositif « ${p.programName} » que d’habitude (au moins ${minimum.toLocaleString('fr-FR')}, et plus de ${timesInWords(factor)} fois leur moyenne des quatre semaines d’avant) :`,
    p.places
      .map((place) => `– ${place.placeName} : ${passes(place.redemptions)} (${usual(place)})`)
      .join('\n'),
    'Ce n’est pas forcément une anomalie (un atelier collectif, une permanence exceptionnelle) : c’est à regarder. Rien n’a été refusé.',
    {
      label: 'Voir le tableau de bord du dispositif',
      href: consoleUrl(
        ctx,
        'funder',
        `/financeur/programmes/${encodeURIComponent(p.programId)}/tableau-de-bord`,
        p.funderId,
      ),
    },
  ]);
}
