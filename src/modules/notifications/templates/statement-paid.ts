import { consoleUrl, day, euros, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function statementPaid(p: TemplateParams['statement_paid'], ctx: RenderContext) {
  const several = p.statementNumbers.length > 1;
  const numbers = p.statementNumbers.map((n) => `n° ${n}`).join(', ');
  return message(`${several ? 'Relevés' : 'Relevé'} ${numbers} ${several ? 'payés' : 'payé'}`, 'Bonjour,', [
    `${p.funderName} a payé ${euros(p.amountCents)} à ${p.placeName} le ${day(p.paidOn)}, pour ${several ? 'les relevés' : 'le relevé'} ${numbers}.`,
    labelSays(p, several),
    { label: 'Consulter vos relevés', href: consoleUrl(ctx, 'place', '/lieu/releves', p.placeId) },
  ]);
}

/**
 * What the bank's label of the transfer carries, said truly: the label holds 140 characters, and
 * a transfer paying many statements cites the first and « + 6 autres » (core/sepa/remittance.ts).
 */
function labelSays(p: TemplateParams['statement_paid'], several: boolean): string {
  // Paid in several transfers (a complement), or told before the label was kept with the message.
  if (!p.remittance)
    return 'Le détail du paiement (virements, relevés payés) est sur la page de vos relevés.';
  if (p.statementNumbers.every((n) => p.remittance!.includes(n)))
    return several
      ? 'Le libellé du virement porte ces numéros de relevé.'
      : 'Le libellé du virement porte ce numéro de relevé.';
  return `Le libellé du virement (« ${p.remittance} ») ne cite qu’une partie de ces numéros : la liste complète est sur la page de vos relevés.`;
}
