import { appUrl, day, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

type Params = TemplateParams['access_changed'];

/**
 * The person whose access a team's admin ended, or whose role they changed, learns it the same
 * day: they know why the space is gone from their console, and a change nobody asked for is
 * seen by the one it concerns.
 */
export function accessChanged(p: Params, ctx: RenderContext) {
  const on = `le ${day(p.changedOn)}`;
  if (p.change === 'ended')
    return message(`Votre accès à ${p.organisationName} a pris fin`, 'Bonjour,', [
      `${p.changedBy} a retiré ${on} votre accès à ${p.organisationName} sur Pass numérique.`,
      'Vous ne pouvez plus agir pour cette structure. Si vous pensez que c’est une erreur, adressez-vous à l’un de ses administrateurs.',
    ]);
  return message(`Votre rôle pour ${p.organisationName} a changé`, 'Bonjour,', [
    `${p.changedBy} vous a donné ${on} le rôle « ${p.roleName} » pour ${p.organisationName} sur Pass numérique.`,
    'Si ce changement vous surprend, adressez-vous à l’un des administrateurs de la structure.',
    { label: 'Ouvrir Pass numérique', href: appUrl(ctx, '/') },
  ]);
}
