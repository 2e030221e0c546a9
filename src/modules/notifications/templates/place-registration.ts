import { appUrl, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

// Both go to an address nobody has confirmed yet: they carry nothing the form's sender wrote
// (no place name, no person's name), so that the form cannot send anyone a text of its choice.

export function placeRegistration(p: TemplateParams['place_registration'], ctx: RenderContext) {
  return message('Confirmez l’inscription de votre lieu – pass numérique', 'Bonjour,', [
    'Un lieu de médiation numérique vient d’être inscrit sur la plateforme du pass numérique avec cette adresse pour le compte de son administrateur. Confirmez-la pour créer le lieu et votre compte :',
    {
      label: 'Confirmer l’inscription',
      href: appUrl(ctx, `/lieux/inscription/confirmer/${encodeURIComponent(p.token)}`),
    },
    'Ce lien est valable 24 heures et ne sert qu’une fois. Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message : rien n’est créé sans cette confirmation.',
  ]);
}

export function placeRegistrationAccount(
  _p: TemplateParams['place_registration_account'],
  ctx: RenderContext,
) {
  return message('Inscription d’un lieu : vous avez déjà un compte – pass numérique', 'Bonjour,', [
    'Un lieu de médiation numérique vient d’être inscrit sur la plateforme du pass numérique avec cette adresse, qui a déjà un compte : l’inscription n’a rien créé.',
    'Connectez-vous avec votre compte ; si vous avez oublié votre mot de passe, la page de connexion vous permet d’en choisir un nouveau. Pour inscrire le lieu avec un autre compte, recommencez l’inscription avec une autre adresse.',
    { label: 'Se connecter', href: appUrl(ctx, '/connexion') },
    'Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message : votre compte n’a pas changé.',
  ]);
}
