import { returnReasonLabel } from '../../../core/sepa/return-reasons.js';
import { consoleUrl, day, euros, message, type RenderContext } from './render.js';
import type { TemplateParams } from './types.js';

/**
 * The bank sent back a transfer to the place (most often a closed account or a wrong IBAN):
 * the place learns that the money is still owed, and that the funder sends it again once the
 * place has recorded its bank account anew (payments hold it until then: awaitsNewAccount).
 */
export function transferReturned(p: TemplateParams['transfer_returned'], ctx: RenderContext) {
  const several = p.statementNumbers.length > 1;
  const numbers = p.statementNumbers.map((n) => `n° ${n}`).join(', ');
  return message(`Virement retourné : vérifiez votre compte bancaire`, 'Bonjour,', [
    `Le virement de ${euros(p.amountCents)} de ${p.funderName} à ${p.placeName}, pour ${several ? 'les relevés' : 'le relevé'} ${numbers}, a été retourné par la banque le ${day(p.returnedOn)} (${returnReasonLabel(p.reason)}).`,
    `Ce montant vous reste dû. Pour que ${p.funderName} vous le verse de nouveau, enregistrez le compte bancaire de votre lieu (IBAN, BIC, titulaire) : un nouveau compte, ou le même s’il est bien valable. Le virement ne repartira pas vers le compte d’où il est revenu tant que vous ne l’avez pas fait.`,
    {
      label: 'Enregistrer le compte bancaire du lieu',
      href: consoleUrl(ctx, 'place', '/lieu/qualification', p.placeId),
    },
  ]);
}
