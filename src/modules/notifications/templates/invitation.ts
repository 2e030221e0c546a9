import { elide } from '../../../core/french.js';
import { appUrl, day, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function invitation(p: TemplateParams['invitation'], ctx: RenderContext) {
  const who = p.invitedBy ? `${p.invitedBy} vous invite` : 'Vous êtes invité(e)';
  return message(
    `Invitation à rejoindre l’équipe « ${p.organisationName} » sur le pass numérique`,
    'Bonjour,',
    [
      `${who} à rejoindre l’équipe « ${p.organisationName} » sur la plateforme du pass numérique, en tant ${elide('que', p.roleLabel)}.`,
      { label: 'Accepter l’invitation', href: appUrl(ctx, `/invitation/${encodeURIComponent(p.token)}`) },
      `Ce lien est personnel et valable jusqu’au ${day(p.expiresOn)} inclus. Si vous n’attendiez pas cette invitation, ignorez ce message.`,
    ],
  );
}
