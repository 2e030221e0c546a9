import { appUrl, day, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function usageEndReminder(p: TemplateParams['usage_end_reminder'], ctx: RenderContext) {
  const when = `le ${day(p.usageEnd)}`;
  const blocks =
    p.audience === 'prescriber'
      ? [
          `Les pass numériques du programme « ${p.programName} » (${p.funderName}) ne pourront plus être utilisés après ${when}, dans ${p.daysLeft} jours.`,
          p.passesInStock
            ? `${p.organisationName} détient encore ${p.passesInStock} pass non distribués : remettez-les dès maintenant aux personnes qui en ont besoin, pour qu’elles aient le temps de les utiliser.`
            : `Remettez dès maintenant les pass que ${p.organisationName} détient encore, pour que les personnes aient le temps de les utiliser.`,
          { label: 'Voir votre stock', href: appUrl(ctx, '/prescripteur') },
        ]
      : [
          `Les pass numériques du programme « ${p.programName} » (${p.funderName}) ne pourront plus être utilisés après ${when}, dans ${p.daysLeft} jours.`,
          `${p.organisationName} peut les accepter jusqu’à cette date. Une séance donnée avant la fin pourra encore être enregistrée, à sa date réelle, pendant une période de tolérance.`,
          { label: 'Enregistrer des pass', href: appUrl(ctx, '/lieu') },
        ];
  return message(`Fin d’utilisation des pass « ${p.programName} » ${when}`, 'Bonjour,', blocks);
}
