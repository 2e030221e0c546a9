import { STANDARD_AUDIENCES } from '../../../src/core/program/audiences';
import type { BudgetLineKind, FunderKind, MovementKind, ProgramStatus, Role } from '../api/types';

/** French wording of the codes the API uses. Unknown codes are shown as they are. */

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: 'administrateur de la plateforme',
  funder_admin: 'administrateur du financeur',
  funder_viewer: 'lecteur du financeur',
  prescriber_agent: 'agent prescripteur',
  place_agent: 'agent de lieu de médiation',
  place_admin: 'administrateur de lieu de médiation',
  beneficiary: 'bénéficiaire',
};

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
  acquisition: 'Acquisition des passes',
  engineering: "Ingénierie d'accompagnement",
  other: 'Autres dépenses',
};

/** Labels of the fields an amendment can change, by API path (changedFields). */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Nom du dispositif',
  faceValueCents: 'Valeur faciale',
  bookletSizes: 'Taille des carnets',
  plannedPasses: 'Nombre de passes prévus',
  audiences: 'Publics visés',
  passesPerBeneficiary: 'Passes par bénéficiaire',
  calendar: 'Calendrier',
  'calendar.distributionStart': 'Début de la distribution',
  'calendar.distributionEnd': 'Fin de la distribution',
  'calendar.usageEnd': "Fin d'utilisation des passes",
  'calendar.closure': 'Clôture du dispositif',
  reportingDeadlines: 'Échéances de compte rendu',
  budget: 'Budget',
  'budget.lines': 'Lignes budgétaires',
  'budget.cofunders': 'Cofinanceurs',
  'budget.phasing': 'Phasage des paiements',
  'budget.engineeringCeilingBps': "Plafond de l'ingénierie",
  status: 'Statut',
};

export function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? FIELD_LABELS[path.replace(/^changes\./, '')] ?? path;
}

/** Audit actions as written by the back end ("program.amend", …); unknown ones stay raw. */
const ACTION_LABELS: Record<string, string> = {
  'funder.create': 'Création du financeur',
  'organisation.create': 'Création d’une organisation',
  'places.import': 'Import de lieux (standard national)',
  'invitation.create': 'Invitation envoyée',
  'invitation.accept': 'Invitation acceptée',
  'user.create_platform_admin': 'Création d’un administrateur de la plateforme',
  'membership.create': 'Rôle attribué',
  'auth.sign_in': 'Connexion',
  'auth.sign_in_failed': 'Échec de connexion',
  'auth.lock': 'Compte bloqué depuis une adresse',
  'auth.sign_out': 'Déconnexion',
  'auth.password_change': 'Mot de passe changé',
  'api_key.create': 'Clé d’API créée',
  'api_key.revoke': 'Clé d’API révoquée',
  'program.create': 'Création du dispositif',
  'program.amend': 'Délibération modificative',
  'envelope.create': 'Création d’une enveloppe',
  'passes.issue': 'Émission de carnets',
  'passes.codes_download': 'Codes d’une émission téléchargés (fichier de l’imprimeur)',
  'funding.record': 'Versement reçu',
  'stock.allocate': 'Carnets confiés à un prescripteur',
  'stock.transfer': 'Carnets transférés',
  'stock.return': 'Carnets repris',
  'booklet.hand_out': 'Carnet remis à un bénéficiaire',
  'booklet.block': 'Carnet bloqué',
  'booklet.replace': 'Carnet de remplacement remis',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const OBJECT_LABELS: Record<string, string> = {
  funder: 'Financeur',
  program: 'Dispositif',
  amendment: 'Délibération',
  envelope: 'Enveloppe',
  invitation: 'Invitation',
  organisation: 'Organisation',
  user: 'Utilisateur',
  session: 'Session',
  issue_batch: 'Émission',
  funding: 'Versement',
  booklet: 'Carnet',
  api_key: 'Clé d’API',
};

export function objectLabel(type: string): string {
  return OBJECT_LABELS[type] ?? type;
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

/** Keys of audit summaries (whatever the object), in French; unknown keys stay raw. */
const SUMMARY_KEY_LABELS: Record<string, string> = {
  name: 'Nom',
  kind: 'Type',
  siret: 'SIRET',
  territory: 'Territoire',
  email: 'Adresse électronique',
  role: 'Rôle',
  effectiveOn: 'Date d’effet',
  deliberation: 'Délibération',
  changes: 'Modifications',
  programId: 'Dispositif',
  cap: 'Plafond',
  envelope: 'Enveloppe',
  booklets: 'Carnets',
  size: 'Taille des carnets',
  passes: 'Passes',
  activated: 'Passes activés',
  activatedPasses: 'Passes activés',
  payer: 'Payeur',
  amountCents: 'Montant (centimes)',
  first: 'Premier carnet',
  last: 'Dernier carnet',
  from: 'De',
  to: 'À',
  organisationId: 'Structure',
  prescriberKind: 'Type de structure',
  communeCode: 'Commune (code INSEE)',
  beneficiaryId: 'Bénéficiaire (identifiant)',
  handedOutOn: 'Remis le',
  validUntil: 'Valable jusqu’au',
};

export function summaryKeyLabel(key: string): string {
  return SUMMARY_KEY_LABELS[key] ?? key;
}

/** Pass statuses (src/db/schema/passes.ts), in the order of a pass's life. */
export const PASS_STATUS_LABELS: Record<string, string> = {
  issued: 'Émis, pas encore activés',
  active: 'Activés',
  redeemed: 'Utilisés',
  expired: 'Expirés',
  cancelled: 'Annulés',
};

export const BLOCK_REASON_LABELS = {
  lost: 'Perdu',
  stolen: 'Volé',
} as const;

/** Kinds of booklet movements (stock_movements.kind); unknown ones stay raw. */
export const MOVEMENT_KIND_LABELS: Record<MovementKind, string> = {
  allocate: 'Attribution',
  transfer: 'Transfert',
  return: 'Retour',
};

export function movementKindLabel(kind: string): string {
  return Object.hasOwn(MOVEMENT_KIND_LABELS, kind) ? MOVEMENT_KIND_LABELS[kind as MovementKind] : kind;
}
