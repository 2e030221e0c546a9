import { consoleUrl, day, euros, frenchMonth, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function statementReady(p: TemplateParams['statement_ready'], ctx: RenderContext) {
  return message(`Relevé n° ${p.statementNumber} de ${frenchMonth(p.month)} disponible`, 'Bonjour,', [
    `Le relevé n° ${p.statementNumber} de ${p.placeName} pour ${frenchMonth(p.month)} (dispositif « ${p.programName} », ${p.funderName}) est disponible : ${euros(p.totalCents)}.`,
    { label: 'Consulter vos relevés', href: consoleUrl(ctx, 'place', '/lieu/releves', p.placeId) },
    `Vérifiez-le : vous pouvez le contester jusqu’au ${day(p.contestBy)} inclus, en indiquant le motif. Sans contestation, il sera approuvé puis payé par virement.`,
  ]);
}
