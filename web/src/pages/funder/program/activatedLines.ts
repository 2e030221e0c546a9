import type { FinanceSummary } from '../../../api/types';

type Balances = FinanceSummary['balances'];

/**
 * The activated value by state, lines that add up to the total activated: the passes carried
 * over to a following programme left this one's circulation with their value, and have a line
 * of their own once there are any (without it, the table did not add up after a carry-over).
 */
export function activatedLines(b: Balances): [string, number][] {
  return [
    // Not « En circulation »: the dashboard says so of passes handed out only; these include
    // the activated passes still in stock or with prescribers.
    ['Activés, pas encore utilisés', b.outstandingCents],
    ['Utilisés', b.redeemedCents],
    ['Expirés', b.expiredCents],
    ['Annulés', b.cancelledCents],
    ...(b.carriedOutCents !== 0
      ? ([['Reportés sur le dispositif suivant', b.carriedOutCents]] as [string, number][])
      : []),
  ];
}
