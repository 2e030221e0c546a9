import { consoleUrl, day, euros, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

type Params = TemplateParams['place_account_changed'];

const RUN: Record<Params['transfers'][number]['state'], string> = {
  prepared: 'préparé',
  approved: 'approuvé',
};

/**
 * A place changed its account while a run of the funder holds a transfer to it: the run pays the
 * account it was prepared with, so the funder's admins learn it before sending the file, and may
 * prepare the run anew (or ask the place, if they did not expect the change).
 */
export function placeAccountChanged(p: Params, ctx: RenderContext) {
  const several = p.transfers.length > 1;
  return message(`Compte bancaire d’un lieu modifié – ${p.placeName}`, 'Bonjour,', [
    `${p.placeName} a enregistré un nouveau compte bancaire le ${day(p.changedOn)} (IBAN se terminant par ${p.ibanEnd}).`,
    ...p.transfers.map(
      (t) =>
        `Le virement de ${euros(t.amountCents)} à ${p.placeName}, dans un lot ${RUN[t.state]} le ${day(t.since)}, sera versé sur l’ancien compte se terminant par ${t.formerIbanEnd} : un lot paie les comptes avec lesquels il a été préparé.`,
    ),
    `Pour payer le nouveau compte, annulez le lot et préparez-en un autre. Envoyé tel quel, ${several ? 'ses virements seront versés' : 'le virement sera versé'} sur l’ancien compte. Si ce changement vous surprend, vérifiez-le auprès du lieu avant tout paiement.`,
    {
      label: 'Voir les lots de paiement',
      href: consoleUrl(ctx, 'funder', '/financeur/paiements', p.funderId),
    },
  ]);
}
