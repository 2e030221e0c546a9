import { agree, formatCents, formatInt } from '../../lib/format';

/**
 * What the programme page says once money is recorded. « pass » is invariable; « activé »
 * agrees, in the singular up to 1 as French counts (« 0 pass activé », « 2 pass activés »).
 */
export function fundingRecordedMessage(amountCents: number, activatedPasses: number): string {
  const activated = agree(activatedPasses, 'activé', 'activés');
  const recorded = `Versement de ${formatCents(amountCents)} enregistré : ${formatInt(activatedPasses)} pass ${activated}.`;
  // « 0 pass activé » alone read as money lost or a fault: it waits for passes to cover.
  return activatedPasses === 0
    ? `${recorded} Le montant reste disponible et activera les prochains pass émis.`
    : recorded;
}

/**
 * What cancelling a funding did: passes of the stock deactivated (« 0 pass du stock
 * désactivé », « 2 pass du stock désactivés »), value of dead passes taken back.
 */
export function reversalEffect(r: { deactivatedPasses: number; reclaimedCents: number }): string {
  const n = r.deactivatedPasses;
  const parts = [`${formatInt(n)} pass du stock ${agree(n, 'désactivé', 'désactivés')}`];
  if (r.reclaimedCents > 0)
    parts.push(`${formatCents(r.reclaimedCents)} repris sur la valeur des pass annulés ou expirés`);
  return parts.join(', ');
}
