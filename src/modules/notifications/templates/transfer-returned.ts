import { returnReasonLabel } from '../../../core/sepa/return-reasons.js';
import { appUrl, day, euros, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

/**
 * The bank sent back a transfer to the place (most often a closed account or a wrong IBAN):
 * the place learns that the money is still owed and checks the account it gave, so that the
 * funder's next transfer reaches it.
 */
export function transferReturned(p: TemplateParams['transfer_returned'], ctx: RenderContext) {
  const several = p.statementNumbers.length > 1;
  const numbers = p.statementNumbers.map((n) => `n° ${n}`).join(', ');
  return message(`Virement retourné : vérifiez votre compte bancaire`, 'Bonjour,', [
    `Le virement de ${euros(p.amountCents)} de ${p.funderName} à ${p.placeName}, pour ${several ? 'les relevés' : 'le relevé'} ${numbers}, a été retourné par la banque le ${day(p.returnedOn)} (${returnReasonLabel(p.reason)}).`,
    `Ce montant vous reste dû : ${p.funderName} le versera de nouveau avec son prochain lot de paiement, sur le compte bancaire enregistré à ce moment-là.`,
    'Vérifiez le compte bancaire de votre lieu (IBAN, BIC, titulaire) et enregistrez-en un nouveau s’il n’est plus valable.',
    { label: 'Vérifier le compte bancaire du lieu', href: appUrl(ctx, '/lieu/qualification') },
  ]);
}
