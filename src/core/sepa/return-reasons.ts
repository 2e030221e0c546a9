/**
 * Why a bank sent a SEPA credit transfer back (the ISO 20022 ExternalReturnReason1Code a
 * camt.053 carries in RtrInf/Rsn/Cd), in words a place and a finance officer read. The codes
 * are the ones the EPC's SEPA Credit Transfer rulebook lists for returns; another code is
 * shown as the bank wrote it. Pure.
 */
export const RETURN_REASONS: Record<string, string> = {
  AC01: 'IBAN incorrect',
  AC04: 'compte clôturé',
  AC06: 'compte bloqué',
  AG01: 'virement interdit sur ce compte',
  AG02: 'code opération invalide',
  AM05: 'virement en double',
  BE04: 'adresse du bénéficiaire manquante',
  CNOR: 'banque du bénéficiaire injoignable',
  DNOR: 'banque du bénéficiaire injoignable',
  FF01: 'format invalide',
  FOCR: 'retour après demande d’annulation',
  MD07: 'titulaire du compte décédé',
  MS02: 'refusé par le bénéficiaire',
  MS03: 'motif non précisé par la banque',
  RC01: 'BIC incorrect',
  RR01: 'raison réglementaire (identité du titulaire)',
  RR02: 'raison réglementaire (nom ou adresse du donneur d’ordre)',
  RR03: 'raison réglementaire (nom ou adresse du bénéficiaire)',
  RR04: 'raison réglementaire',
};

/** The reason in French, or the bank's code itself; « motif non précisé » when there is none. */
export function returnReasonLabel(code: string | null | undefined): string {
  if (!code) return 'motif non précisé';
  return RETURN_REASONS[code] ?? `motif ${code}`;
}
