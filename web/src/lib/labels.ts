import { ROLE_LABELS as CORE_ROLE_LABELS } from '../../../src/core/audit-labels';
import { elide } from '../../../src/core/french';
import { BOOKLET_STATUS_LABELS as CORE_BOOKLET_STATUS_LABELS } from '../../../src/core/pass-labels';
import { STANDARD_AUDIENCES } from '../../../src/core/program/audiences';
import type {
  BookletStatus,
  BudgetLineKind,
  FunderKind,
  MovementKind,
  ProgramStatus,
  Role,
} from '../api/types';

/** French wording of the codes the API uses. Unknown codes are shown as they are. */

export const ROLE_LABELS: Record<Role, string> = CORE_ROLE_LABELS;

/** « en tant que lecteur… », « en tant qu’administrateur… »: French elides before a vowel. */
export function asRole(role: Role): string {
  const label = ROLE_LABELS[role] ?? role;
  return `en tant ${elide('que', label)}`;
}

/**
 * The example under « Instance qui a délibéré »: a Region's or Department's standing committee,
 * an EPCI's or a PETR's council, a town's; any funder reads one that fits it.
 */
export const LEGAL_BODY_HINT =
  'Par exemple : commission permanente, conseil communautaire, conseil syndical ou conseil municipal.';

export const FUNDER_KIND_LABELS: Record<FunderKind, string> = {
  region: 'Région',
  departement: 'Département',
  epci: 'Intercommunalité (EPCI)',
  syndicat_mixte: 'Syndicat mixte, PETR',
  commune: 'Commune',
  other: 'Autre',
};

/**
 * What a deliberation decides about the programme's course. Its status on a date (« En cours »,
 * « Clôturé »…) follows from this and its calendar: see StatusBadge.
 */
export const STATUS_LABELS: Record<ProgramStatus, string> = {
  draft: 'Brouillon',
  active: 'Selon son calendrier',
  suspended: 'Suspendu',
  closed: 'Clôturé',
};

export const BUDGET_KIND_LABELS: Record<BudgetLineKind, string> = {
  acquisition: 'Acquisition des pass',
  engineering: 'Ingénierie d’accompagnement',
  other: 'Autres dépenses',
};

/** Labels of the fields an amendment can change, by API path (changedFields). */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Nom du dispositif',
  faceValueCents: 'Valeur faciale',
  bookletSizes: 'Taille des carnets',
  plannedPasses: 'Nombre de pass prévus',
  audiences: 'Publics visés',
  passesPerBeneficiary: 'Pass par bénéficiaire',
  lateSessionDays: 'Délai de tolérance des séances tardives',
  calendar: 'Calendrier',
  'calendar.distributionStart': 'Début de la distribution',
  'calendar.distributionEnd': 'Fin de la distribution',
  'calendar.usageEnd': 'Fin d’utilisation des pass',
  'calendar.closure': 'Clôture du dispositif',
  reportingDeadlines: 'Échéances de compte rendu',
  budget: 'Budget',
  'budget.lines': 'Lignes budgétaires',
  'budget.cofunders': 'Cofinanceurs',
  'budget.phasing': 'Phasage des paiements',
  'budget.engineeringCeilingBps': 'Plafond de l’ingénierie',
  status: 'Statut',
};

export function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? FIELD_LABELS[path.replace(/^changes\./, '')] ?? path;
}

/** The platform's standard publics (the seeds'); the list is open, so the raw code is the fallback. */
export function audienceLabel(code: string): string {
  return STANDARD_AUDIENCES[code]?.label ?? code;
}

/** « 18 à 25 ans », « 60 ans et plus », or empty when the audience has no age bounds. */
export function ageRange(a: { minAge: number | null; maxAge: number | null }): string {
  if (a.minAge !== null && a.maxAge !== null) return `${a.minAge} à ${a.maxAge} ans`;
  if (a.minAge !== null) return `${a.minAge} ans et plus`;
  if (a.maxAge !== null) return `jusqu’à ${a.maxAge} ans`;
  return '';
}

/** An audience as a deliberation stored it: a bare code (older ones) or a full audience. */
export function audienceText(a: unknown): string {
  if (typeof a === 'string') return audienceLabel(a);
  const o = a as { code?: string; label?: string | null; minAge?: number | null; maxAge?: number | null };
  const range = ageRange({ minAge: o?.minAge ?? null, maxAge: o?.maxAge ?? null });
  const label = o?.label ?? audienceLabel(String(o?.code));
  return range && !label.includes(range) ? `${label} (${range})` : label;
}

/** Pass statuses (src/db/schema/passes.ts), in the order of a pass's life. */
export const PASS_STATUS_LABELS: Record<string, string> = {
  issued: 'Émis, pas encore activés',
  // Not « Activés »: the dashboard's « Activés » counts every pass ever activated, used ones too.
  active: 'Activés, pas encore utilisés',
  redeemed: 'Utilisés',
  expired: 'Expirés',
  cancelled: 'Annulés',
};

/** Where a booklet stands (booklets.status), and why one was blocked: the server's words too. */
export const BOOKLET_STATUS_LABELS: Record<BookletStatus, string> = CORE_BOOKLET_STATUS_LABELS;
export { BLOCK_REASON_LABELS } from '../../../src/core/pass-labels';

/** Kinds of a booklet's history (its stock moves, its hand-out and block); unknown ones stay raw. */
export const MOVEMENT_KIND_LABELS: Record<MovementKind, string> = {
  allocate: 'Attribution',
  transfer: 'Transfert',
  return: 'Retour',
  hand_out: 'Remise à une personne',
  block: 'Blocage',
};

export function movementKindLabel(kind: string): string {
  return Object.hasOwn(MOVEMENT_KIND_LABELS, kind) ? MOVEMENT_KIND_LABELS[kind as MovementKind] : kind;
}
