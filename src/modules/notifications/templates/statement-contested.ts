import { consoleUrl, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function statementContested(p: TemplateParams['statement_contested'], ctx: RenderContext) {
  return message(`Relevé n° ${p.statementNumber} contesté par ${p.placeName}`, 'Bonjour,', [
    `${p.placeName} conteste le relevé n° ${p.statementNumber} (dispositif « ${p.programName} »).`,
    `Motif indiqué :\n${p.reason}`,
    {
      label: 'Répondre à la contestation',
      href: consoleUrl(ctx, 'funder', '/financeur/releves', p.funderId),
    },
  ]);
}
