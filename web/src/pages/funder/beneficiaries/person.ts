import type { BeneficiarySummary } from '../../../api/types';
import { formatDate, todayInParis } from '../../../lib/format';

/** What a funder viewer reads on these pages instead: the API answers them 403. */
export const VIEWER_NOTICE =
  'Seuls les administrateurs du financeur consultent les données des bénéficiaires et répondent à leurs demandes (voir leurs données, les faire effacer). Transmettez-leur la demande de la personne.';

/** « Jeannine Dupont »; null once the names are erased. */
export function personName(p: BeneficiarySummary): string | null {
  if (p.erasedAt || (p.firstName === null && p.lastName === null)) return null;
  return [p.firstName, p.lastName].filter(Boolean).join(' ');
}

/** The day of an erasure (an instant), as Paris saw it: « 3 décembre 2026 ». */
export function erasedOn(p: BeneficiarySummary): string {
  return p.erasedAt ? formatDate(todayInParis(new Date(p.erasedAt))) : '—';
}
