import { formatCents } from '../../../lib/format';

/** « 1,8 km », « 350 m »: a distance as French readers write it. */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.round(km * 100) * 10} m`;
  return `${km.toLocaleString('fr-FR', { maximumFractionDigits: km < 10 ? 1 : 0 })} km`;
}

/** The one-line postal address of a place. */
export function postalAddress(p: { address: string; postcode: string; communeName: string | null }): string {
  return `${p.address}, ${p.postcode} ${p.communeName ?? ''}`.trim();
}

/**
 * A commune searched outside the programme's territory, when nothing was found: « Aucun lieu ne
 * correspond à ces filtres » did not say that the passes are not for there.
 */
export function outsideTerritoryLabel(territory: string[], communeName: string): string {
  const names =
    territory.length > 1 ? `${territory.slice(0, -1).join(', ')} et ${territory.at(-1)}` : territory[0];
  const commune = communeName ? communeName : 'Cette commune';
  return `Aucun lieu : les pass de ce dispositif s’utilisent sur son territoire, ${names}. ${commune} n’en fait pas partie.`;
}

/**
 * « financé par : Région Hauts-de-France »: a funder's name is a complement whose article is
 * not known (« la Région », « le Département », « Amiens Métropole »), so it follows a colon.
 * « Pass financé par Région Hauts-de-France » lacked the article.
 */
export const fundedBy = (funderName: string): string => `financé par : ${funderName}`;

/** A programme a place takes, and what one of its passes is worth (one session). */
export function acceptedPass(p: { name: string; funderName: string; faceValueCents: number | null }): string {
  const value = p.faceValueCents !== null ? ` — un pass vaut ${formatCents(p.faceValueCents)}` : '';
  return `« ${p.name} », ${fundedBy(p.funderName)}${value}.`;
}
