import { consoleUrl, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function statementAnswered(p: TemplateParams['statement_answered'], ctx: RenderContext) {
  return message(`Réponse à votre contestation du relevé n° ${p.statementNumber}`, 'Bonjour,', [
    `${p.funderName} a répondu à la contestation du relevé n° ${p.statementNumber} de ${p.placeName}.`,
    `Réponse :\n${p.answer}`,
    { label: 'Consulter vos relevés', href: consoleUrl(ctx, 'place', '/lieu/releves', p.placeId) },
  ]);
}
