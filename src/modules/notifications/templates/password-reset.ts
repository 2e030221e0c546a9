import { appUrl, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

export function passwordReset(p: TemplateParams['password_reset'], ctx: RenderContext) {
  return message(
    'Réinitialisation de votre mot de passe – pass numérique',
    p.displayName ? `Bonjour ${p.displayName},` : 'Bonjour,',
    [
      'Une réinitialisation du mot de passe de votre compte sur la plateforme du pass numérique a été demandée.',
      {
        label: 'Choisir un nouveau mot de passe',
        href: appUrl(ctx, `/mot-de-passe/nouveau/${encodeURIComponent(p.token)}`),
      },
      'Ce lien est valable une heure et ne sert qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.',
    ],
  );
}
