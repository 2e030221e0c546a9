import { consoleUrl, euros, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function statementApproved(p: TemplateParams['statement_approved'], ctx: RenderContext) {
  return message(`Relevé n° ${p.statementNumber} approuvé`, 'Bonjour,', [
    `${p.funderName} a approuvé le relevé n° ${p.statementNumber} de ${p.placeName}, d’un montant de ${euros(p.totalCents)}. Il sera payé par virement.`,
    { label: 'Consulter vos relevés', href: consoleUrl(ctx, 'place', '/lieu/releves', p.placeId) },
  ]);
}
