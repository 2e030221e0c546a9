import { formatCents, formatInt } from '../../lib/format';

/**
 * What the programme page says once money is recorded. « pass » is invariable; « activé »
 * agrees, in the singular up to 1 as French counts (« 0 pass activé », « 2 pass activés »).
 */
export function fundingRecordedMessage(amountCents: number, activatedPasses: number): string {
  const activated = activatedPasses > 1 ? 'activés' : 'activé';
  return `Versement de ${formatCents(amountCents)} enregistré : ${formatInt(activatedPasses)} pass ${activated}.`;
}
