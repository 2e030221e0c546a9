import { FUNDER_KIND_LABELS } from '../../lib/labels';

/** A funder's kinds, by their labels, for a select. */
export const FUNDER_KIND_OPTIONS = Object.entries(FUNDER_KIND_LABELS).map(([value, label]) => ({
  value,
  label,
}));

/** The SIRET as typed, its spaces dropped (« 200 053 742 00012 »). */
export const siretOf = (typed: string) => typed.replace(/\s/g, '');

/**
 * What is wrong with a funder's identity as typed, by field: the checks of the creation form
 * and of the operator's correction (the API checks them again, and the SIRET's key).
 */
export function identityErrors(v: { name: string; kind: string; siret: string }) {
  const e: { name?: string; kind?: string; siret?: string } = {};
  if (!v.name.trim()) e.name = 'Saisissez le nom du financeur.';
  if (!v.kind) e.kind = 'Choisissez le type de collectivité.';
  const siret = siretOf(v.siret);
  if (!siret) e.siret = 'Saisissez le SIRET.';
  else if (!/^\d{14}$/.test(siret)) e.siret = 'Le SIRET compte 14 chiffres.';
  return e;
}
