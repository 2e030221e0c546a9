import { statementPeriod } from '../../../core/statement.js';
import { consoleUrl, day, euros, frenchMonth, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function statementReady(p: TemplateParams['statement_ready'], ctx: RenderContext) {
  // A place's final statement says so, and its period (« du 1er au 15 décembre 2026 »).
  const opening = p.finalOn
    ? `Le relevé final n° ${p.statementNumber} de ${p.placeName}, ${statementPeriod(p.month, p.finalOn)}`
    : `Le relevé n° ${p.statementNumber} de ${p.placeName} pour ${frenchMonth(p.month)}`;
  return message(
    p.finalOn
      ? `Relevé final n° ${p.statementNumber} disponible`
      : `Relevé n° ${p.statementNumber} de ${frenchMonth(p.month)} disponible`,
    'Bonjour,',
    [
      `${opening} (dispositif « ${p.programName} », ${p.funderName}) est disponible : ${euros(p.totalCents)}.`,
      { label: 'Consulter vos relevés', href: consoleUrl(ctx, 'place', '/lieu/releves', p.placeId) },
      `Vérifiez-le : vous pouvez le contester jusqu’au ${day(p.contestBy)} inclus, en indiquant le motif. Sans contestation, il sera approuvé puis payé par virement.`,
    ],
  );
}
