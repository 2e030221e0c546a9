/** « 1,8 km », « 350 m »: a distance as French readers write it. */
export function formatDistance(km: number): string {
  if (km < 1) return `${Math.round(km * 100) * 10} m`;
  return `${km.toLocaleString('fr-FR', { maximumFractionDigits: km < 10 ? 1 : 0 })} km`;
}

/** The one-line postal address of a place. */
export function postalAddress(p: { address: string; postcode: string; communeName: string | null }): string {
  return `${p.address}, ${p.postcode} ${p.communeName ?? ''}`.trim();
}
