import { day, message } from './render.js';
import type { TemplateParams } from './types.js';

type Params = TemplateParams['password_link_issued'];

/**
 * The owner of an account learns that an admin of her team prepared a link to choose a new
 * password, to hand it over in person: a link she did not ask for is someone taking her account
 * over, and she is told while it still works (an hour). The link itself is not in the message.
 */
export function passwordLinkIssued(p: Params) {
  return message('Un lien pour changer votre mot de passe a été préparé', 'Bonjour,', [
    `${p.issuedBy}, administrateur de ${p.organisationName}, a préparé le ${day(p.issuedOn)} un lien pour choisir un nouveau mot de passe pour votre compte sur Pass numérique, afin de vous le remettre en personne ou par téléphone.`,
    'Ce lien est valable une heure et ne sert qu’une fois ; les liens envoyés avant ne fonctionnent plus.',
    'Si vous n’avez rien demandé, adressez-vous sans attendre à un autre administrateur de la structure ou à l’équipe qui gère la plateforme : votre mot de passe actuel reste valable tant que personne n’a utilisé ce lien.',
  ]);
}
