import { consoleUrl, day, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

type Params = TemplateParams['place_left_program'];

/**
 * To the funder's admins: a place said it no longer takes one of its programmes' passes (an
 * association closing, no mediator any more). What it recorded before is owed and stated as
 * usual; the final statement settles it now rather than at the next month's run.
 */
export function placeLeftProgram(p: Params, ctx: RenderContext) {
  const program = `« ${p.programName} »`;
  return message(`Un lieu cesse de prendre les pass de ${program} – ${p.placeName}`, 'Bonjour,', [
    `${p.placeName} a cessé de prendre les pass du dispositif ${program}, à sa demande, le ${day(p.effectiveOn)}.`,
    `Motif : ${p.reason}`,
    'Son guichet refuse désormais les pass de ce dispositif. Les séances qu’il a déjà enregistrées restent dues : elles figurent sur ses relevés comme les autres, et vous pouvez émettre dès maintenant son relevé final depuis la page du lieu.',
    'S’il souhaite reprendre plus tard, le lieu candidate de nouveau : vous déciderez alors.',
    {
      label: 'Voir la page du lieu',
      href: consoleUrl(ctx, 'funder', `/financeur/lieux/${p.placeId}`, p.funderId),
    },
  ]);
}
