import { consoleUrl, day, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

type Params = TemplateParams['usage_end_reminder'];

/** To a place: the passes may be taken until the usage end. */
export function usageEndReminder(p: Params, ctx: RenderContext) {
  if (p.audience === 'prescriber') return handOutEndReminder(p, ctx);
  const when = `le ${day(p.usageEnd)}`;
  const tolerance = p.lastRecordingDay
    ? `jusqu’au ${day(p.lastRecordingDay)}`
    : 'pendant une période de tolérance';
  return message(`Fin d’utilisation des pass « ${p.programName} » ${when}`, 'Bonjour,', [
    `Les pass numériques du dispositif « ${p.programName} » (${p.funderName}) ne pourront plus être utilisés après ${when}, dans ${p.daysLeft} jours.`,
    `${p.organisationName} peut les accepter jusqu’à cette date. Une séance donnée avant la fin pourra encore être enregistrée, à sa date réelle, ${tolerance}.`,
    { label: 'Enregistrer des pass', href: consoleUrl(ctx, 'place', '/lieu', p.placeId) },
  ]);
}

/**
 * To a prescriber still holding passes: they may be handed out until the distribution end, the
 * day the reminder counts down to (a reminder queued before that date was given counted down
 * to the usage end, which it then names).
 */
function handOutEndReminder(p: Params, ctx: RenderContext) {
  const last = `le ${day(p.distributionEnd ?? p.usageEnd)}`;
  const held = p.passesInStock
    ? `${p.organisationName} détient encore ${p.passesInStock} pass non distribués : remettez-les d’ici là aux personnes qui en ont besoin.`
    : `Remettez d’ici là les pass que ${p.organisationName} détient encore.`;
  return message(`Derniers jours pour remettre les pass « ${p.programName} »`, 'Bonjour,', [
    `Les pass numériques du dispositif « ${p.programName} » (${p.funderName}) peuvent être remis jusqu’au ${day(p.distributionEnd ?? p.usageEnd)}, dans ${p.daysLeft} jours ; ils pourront être utilisés jusqu’au ${day(p.usageEnd)}.`,
    `${held} Après ${last}, les pass non remis ne pourront plus l’être.`,
    { label: 'Voir votre stock', href: consoleUrl(ctx, 'prescriber', '/prescripteur', p.prescriberId) },
  ]);
}
