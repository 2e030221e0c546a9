import { appUrl, day, euros, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function statementPaid(p: TemplateParams['statement_paid'], ctx: RenderContext) {
  const several = p.statementNumbers.length > 1;
  const numbers = p.statementNumbers.map((n) => `n° ${n}`).join(', ');
  return message(`${several ? 'Relevés' : 'Relevé'} ${numbers} ${several ? 'payés' : 'payé'}`, 'Bonjour,', [
    `${p.funderName} a payé ${euros(p.amountCents)} à ${p.placeName} le ${day(p.paidOn)}, pour ${several ? 'les relevés' : 'le relevé'} ${numbers}.`,
    'Le virement porte ce numéro de relevé dans son libellé.',
    { label: 'Consulter vos relevés', href: appUrl(ctx, '/lieu/releves') },
  ]);
}
