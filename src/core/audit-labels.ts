import { frenchMonth } from './dates.js';
import { ERASURE_REASONS } from './erasure-reasons.js';
import { frenchDay } from './french-time.js';
import { formatBps, formatCount, formatEuros } from './money.js';
import type { Role } from './permissions.js';
import { PRESCRIBER_KIND_LABELS } from './prescriber-kinds.js';
import { RETURN_REASONS } from './sepa/return-reasons.js';
import { STATEMENT_STATUS_LABELS } from './statement.js';

export { frenchInstant } from './french-time.js';

/**
 * The audit journal in the user's language: a French label for every action the platform
 * records, for every kind of object, and a readable line for each fact of an entry's summary.
 * One place for the API, the CSV export and the web app; `audit-labels.test.ts` fails when an
 * action recorded anywhere in src has no label here.
 */
export const ACTION_LABELS: Record<string, string> = {
  'funder.create': 'Création du financeur',
  'funder.identity_change': 'Identité du financeur corrigée',
  'funder.territory_change': 'Territoire du financeur modifié',
  'funder.bank_account_change': 'Compte bancaire du financeur modifié',
  'organisation.create': 'Création d’une organisation',
  'invitation.create': 'Invitation envoyée',
  'invitation.accept': 'Invitation acceptée',
  'invitation.withdraw': 'Invitation retirée',
  'membership.end': 'Accès retiré',
  'membership.role_change': 'Rôle changé',
  'membership.password_link': 'Lien pour un nouveau mot de passe préparé par un administrateur de l’équipe',
  'user.create_platform_admin': 'Création d’un administrateur de la plateforme',
  'membership.create': 'Rôle attribué',
  'auth.sign_in': 'Connexion',
  'auth.sign_in_failed': 'Échec de connexion',
  'auth.lock': 'Compte bloqué depuis une adresse',
  'auth.sign_out': 'Déconnexion',
  'auth.password_change': 'Mot de passe changé',
  'api_key.create': 'Clé d’API créée',
  'api_key.revoke': 'Clé d’API révoquée',
  'audit.key_rotate': 'Clé de signature du journal d’audit remplacée',
  'program.create': 'Création du dispositif',
  'program.amend': 'Délibération modificative',
  'place.join_roster': 'Lieu déjà inscrit sur la plateforme ajouté aux lieux du financeur',
  'place.approve': 'Lieu qualifié pour le dispositif',
  'place.refuse': 'Qualification du lieu refusée',
  'place.suspend': 'Lieu suspendu pour le dispositif',
  'place.reinstate': 'Lieu rétabli pour le dispositif',
  'place.revoke': 'Qualification du lieu retirée',
  'place.leave': 'Le lieu a cessé de prendre les pass du dispositif (à sa demande)',
  'prescriber.import': 'Import de prescripteurs depuis un fichier',
  'places.import': 'Import de lieux (standard national)',
  'place.register': 'Inscription d’un lieu par lui-même',
  'place.add_site': 'Site ajouté par l’administrateur d’un lieu de la même structure',
  'place.profile_create': 'Fiche du lieu renseignée',
  'place.profile_update': 'Fiche du lieu modifiée',
  'questionnaire.publish': 'Questionnaire de qualification publié',
  'charter.publish': 'Charte publiée',
  'place.apply': 'Candidature d’un lieu pour un dispositif',
  'place.charter_accept': 'Charte acceptée par un lieu',
  'place.bank_account': 'Compte bancaire du lieu enregistré',
  'envelope.create': 'Création d’une enveloppe',
  'passes.issue': 'Émission de carnets',
  'passes.codes_download': 'Codes d’une émission téléchargés (fichier de l’imprimeur)',
  'passes.expire': 'Pass arrivés à expiration',
  'program.usage_end_cancel': 'Fin d’utilisation : pass jamais remis annulés',
  'program.usage_end_expire': 'Fin de la tolérance : pass remis non utilisés expirés',
  'program.carry_over_decide': 'Report des pass jamais remis sur un dispositif suivant décidé',
  'program.carry_over_withdraw': 'Report des pass jamais remis retiré',
  'program.carry_over': 'Fin d’utilisation : pass jamais remis reportés sur le dispositif suivant',
  'program.carry_over_receive': 'Pass reçus d’un dispositif précédent',
  'program.carry_over_refused': 'Fin d’utilisation : report impossible, pass jamais remis annulés',
  'redemption.late_session': 'Séance tardive enregistrée avec sa date réelle',
  'funding.record': 'Versement reçu',
  'funding.reverse': 'Versement annulé',
  'stock.allocate': 'Carnets confiés à un prescripteur',
  'stock.transfer': 'Carnets transférés',
  'stock.return': 'Carnets repris',
  'booklet.hand_out': 'Carnet remis à un bénéficiaire',
  'booklet.hand_out_refused': 'Remise refusée : personne déjà servie (remises antérieures montrées)',
  'account.lookup': 'Compte consulté par l’assistance',
  'pass.lookup': 'Pass consulté par l’assistance',
  'account.disable': 'Compte désactivé par l’opérateur de la plateforme (sessions fermées)',
  'account.enable': 'Compte réactivé par l’opérateur de la plateforme',
  'booklet.block': 'Carnet bloqué',
  'booklet.surplus_cancel': 'Pass en trop d’un carnet de remplacement annulés',
  'booklet.replace': 'Carnet de remplacement remis',
  'pass.redeem': 'Pass encaissé par un lieu',
  'pass.redemption_cancel': 'Encaissement annulé',
  'funder.four_eyes_change': 'Règle des quatre yeux des paiements modifiée',
  'funder.retention_change': 'Durée de conservation des données des bénéficiaires modifiée',
  'funder.privacy_contact_change': 'Contact pour les données personnelles modifié',
  'funder.place_contact_change': 'Contact pour les lieux modifié',
  'funder.unusual_day_change': 'Seuil des journées inhabituelles modifié',
  'funder.data_export': 'Toutes les données du financeur téléchargées',
  'beneficiary.record_read': 'Données d’un bénéficiaire consultées',
  'beneficiary.search': 'Bénéficiaires recherchés (liste consultée)',
  'beneficiary.erase': 'Données d’un bénéficiaire effacées',
  'beneficiary.rectify': 'Identité d’un bénéficiaire rectifiée',
  'beneficiary.retention_erase': 'Données de bénéficiaires effacées au terme de leur conservation',
  'payment_run.prepare': 'Lot de paiement préparé',
  'payment_run.approve': 'Lot de paiement approuvé',
  'payment_run.cancel': 'Lot de paiement annulé',
  'payment_run.sepa_download': 'Fichier de virements SEPA téléchargé',
  'payment_run.reject': 'Fichier de virements refusé par la banque',
  'bank_statement.import': 'Relevé bancaire importé (rapprochement)',
  'payment_transfer.paid': 'Virement à un lieu constaté payé',
  'payment_transfer.write_off': 'Reste d’un virement payé en partie passé en perte',
  'payment_transfer.returned': 'Virement retourné par la banque, de nouveau dû au lieu',
  'bank_statement.line_decision': 'Décision sur une ligne du relevé bancaire',
  'statement.issue_month': 'Relevés mensuels émis',
  'statement.issue_final': 'Relevé final d’un lieu émis',
  'statement.download': 'Relevé téléchargé',
  'statement.list_export': 'Liste des relevés exportée',
  'program.report_download': 'Bilan du dispositif téléchargé',
  'statement.contest': 'Relevé contesté par le lieu',
  'statement.answer': 'Réponse du financeur à une contestation',
  'message.resend': 'Message électronique renvoyé',
  'auth.password_reset_request': 'Réinitialisation du mot de passe demandée',
  'auth.password_reset_link': 'Lien pour un nouveau mot de passe préparé en ligne de commande',
  'auth.password_reset': 'Mot de passe réinitialisé par lien',
};

/** The label of an action; an unknown one (a test's, say) stays as it is. */
/**
 * The actions that can land in the platform's journal (entries of no funder): account events,
 * the helpdesk's look-ups, API keys, the audit signing key's rotations, and a place's registration, profile and team while it is
 * on no funder's roster. The platform journal's « Action » list offers exactly these;
 * `audit/labels.test.ts` reads every entry recorded with no funder in src and compares.
 */
export const PLATFORM_JOURNAL_ACTIONS: readonly string[] = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.lock',
  'auth.sign_out',
  'auth.password_change',
  'auth.password_reset_request',
  'auth.password_reset_link',
  'auth.password_reset',
  'user.create_platform_admin',
  'account.lookup',
  'pass.lookup',
  'account.disable',
  'account.enable',
  'membership.create',
  'membership.role_change',
  'membership.end',
  'membership.password_link',
  'invitation.create',
  'invitation.accept',
  'invitation.withdraw',
  'api_key.create',
  'api_key.revoke',
  'audit.key_rotate',
  'place.register',
  'place.profile_create',
  'place.profile_update',
  'place.bank_account',
];

/**
 * The platform journal's actions also written in a funder's: a place's team, profile and bank
 * account go to each funder whose roster holds the place, to the platform's while it is on none
 * (`auth/journals.ts`), a funder's invitations and memberships to its own journal, and the
 * helpdesk's look-up of a pass to both (its funder's, and the platform's).
 */
const RECORDED_BOTH_WAYS: readonly string[] = [
  // The helpdesk's look-up of a pass: its funder answers for it, the platform for its operator.
  'pass.lookup',
  'membership.create',
  'membership.role_change',
  'membership.end',
  'membership.password_link',
  'invitation.create',
  'invitation.accept',
  'invitation.withdraw',
  'place.profile_create',
  'place.profile_update',
  'place.bank_account',
];

/**
 * The actions that can land in a funder's journal: every labelled action but those recorded
 * only with no funder (account events, the helpdesk's look-ups, API keys, a place's own
 * registration). The funder journal's « Action » list offers exactly these, so that no choice
 * gives an empty journal forever; `audit/labels.test.ts` reads where each action is recorded.
 */
export const FUNDER_JOURNAL_ACTIONS: readonly string[] = Object.keys(ACTION_LABELS).filter(
  (a) => !PLATFORM_JOURNAL_ACTIONS.includes(a) || RECORDED_BOTH_WAYS.includes(a),
);

/**
 * The actions a place's own journal shows (`GET /places/{placeId}/journal`): what its people do
 * at the place — sessions recorded and cancelled, its team, its API keys, its profile, bank
 * account, applications and contests. Not what funders decide or do about it (their journal's),
 * nor account events. The place journal's « Action » list offers exactly these.
 */
export const PLACE_JOURNAL_ACTIONS: readonly string[] = [
  'pass.redeem',
  'redemption.late_session',
  'pass.redemption_cancel',
  'invitation.create',
  'invitation.accept',
  'invitation.withdraw',
  'membership.create',
  'membership.role_change',
  'membership.end',
  'membership.password_link',
  'api_key.create',
  'api_key.revoke',
  'place.register',
  'place.add_site',
  'place.profile_create',
  'place.profile_update',
  'place.bank_account',
  'place.apply',
  'place.charter_accept',
  'statement.contest',
];

export function actionLabel(action: string): string {
  return Object.hasOwn(ACTION_LABELS, action) ? ACTION_LABELS[action]! : action;
}

export const OBJECT_LABELS: Record<string, string> = {
  funder: 'Financeur',
  program: 'Dispositif',
  amendment: 'Délibération',
  envelope: 'Enveloppe',
  invitation: 'Invitation',
  membership: 'Accès',
  organisation: 'Organisation',
  user: 'Utilisateur',
  session: 'Session',
  issue_batch: 'Émission',
  funding: 'Versement',
  booklet: 'Carnet',
  beneficiary: 'Bénéficiaire',
  pass: 'Pass',
  api_key: 'Clé d’API',
  payment_run: 'Lot de paiement',
  payment_transfer: 'Virement à un lieu',
  bank_import: 'Relevé bancaire',
  statement: 'Relevé',
  message: 'Message électronique',
  funder_bank_account: 'Compte bancaire du financeur',
  charter: 'Charte',
  questionnaire: 'Questionnaire',
  audit_key: 'Clé de signature du journal d’audit',
};

export function objectTypeLabel(type: string): string {
  return Object.hasOwn(OBJECT_LABELS, type) ? OBJECT_LABELS[type]! : type;
}

/** Keys of summaries (whatever the action), in French; unknown keys stay raw. */
const SUMMARY_KEY_LABELS: Record<string, string> = {
  // A rotation of the audit signing key (`audit rotate-key`): the keys by their ids.
  previousKeyId: 'Clé remplacée',
  keyId: 'Nouvelle clé',
  name: 'Nom',
  // A funder's name in a correction of its identity: the journal says an object by its `name`.
  funderName: 'Nom du financeur',
  kind: 'Type',
  siret: 'SIRET',
  territory: 'Territoire',
  email: 'Adresse électronique',
  found: 'Compte trouvé',
  passFound: 'Pass trouvé',
  serial: 'Carnet',
  role: 'Rôle',
  newRole: 'Nouveau rôle',
  effectiveOn: 'Date d’effet',
  deliberation: 'Délibération',
  changes: 'Modifications',
  programId: 'Dispositif',
  placeId: 'Lieu',
  placeName: 'Lieu',
  // Places' qualification (modules/qualification).
  version: 'Version',
  length: 'Longueur (caractères)',
  maxScore: 'Score maximum',
  passMark: 'Score requis',
  score: 'Score obtenu',
  questions: 'Questions',
  questionnaireVersion: 'Version du questionnaire',
  charterVersion: 'Version de la charte',
  signatory: 'Signataire',
  acceptedOn: 'Habilité le',
  cap: 'Plafond',
  envelope: 'Enveloppe',
  booklets: 'Carnets',
  size: 'Taille des carnets',
  passes: 'Pass',
  codes: 'Codes',
  activated: 'Pass activés',
  activatedPasses: 'Pass activés',
  deactivatedPasses: 'Pass désactivés',
  reclaimedCents: 'Valeur reprise sur les pass annulés ou expirés',
  cancelledPasses: 'Pass annulés',
  previousStatus: 'État précédent',
  payer: 'Payeur',
  amountCents: 'Montant',
  shareCents: 'Part',
  valueCents: 'Valeur',
  faceValueCents: 'Valeur faciale',
  receivedOn: 'Reçu le',
  issuedOn: 'Émis le',
  validUntilBefore: 'Échus avant le',
  reason: 'Motif',
  erasureReason: 'Motif de l’effacement',
  people: 'Personnes',
  retentionMonths: 'Durée de conservation (mois)',
  month: 'Mois',
  statementStatus: 'État des relevés',
  statements: 'Relevés',
  number: 'Numéro',
  firstNumber: 'Premier numéro',
  lastNumber: 'Dernier numéro',
  format: 'Format',
  backdateReason: 'Motif de la date antérieure',
  first: 'Premier carnet',
  last: 'Dernier carnet',
  from: 'De',
  to: 'À',
  organisationId: 'Structure',
  invitationId: 'Invitation',
  prescriberKind: 'Type de structure',
  communeCode: 'Commune',
  beneficiaryId: 'Bénéficiaire',
  handedOutOn: 'Remis le',
  validUntil: 'Valable jusqu’au',
  replacesSerial: 'Remplace le carnet',
  label: 'Libellé',
  prefix: 'Préfixe',
  source: 'Origine',
  method: 'Méthode',
  failures: 'Échecs',
  minutes: 'Minutes',
  endedSessions: 'Sessions fermées',
  spentResetLinks: 'Liens de nouveau mot de passe annulés',
  withdrawnInvitations: 'Invitations envoyées retirées',
  theme: 'Thème',
  durationMinutes: 'Durée (minutes)',
  redemptionId: 'Encaissement',
  apiKeyId: 'Clé d’API',
  passReturnsTo: 'Pass rendu à',
  changed: 'Modifié',
  previousName: 'Ancien nom',
  rectifiesDeliberation: 'Rectifie la délibération',
  confirmedPastUsageEnd: 'Fin d’utilisation passée confirmée',
  overShareConfirmed: 'Dépassement de part confirmé',
  accountsChecked: 'Comptes vérifiés auprès des lieux',
  sessionOn: 'Séance donnée le',
  recordedOn: 'Enregistrée le',
  usageEnd: 'Fin d’utilisation',
  lastRecordingDay: 'Dernier jour de la tolérance',
  target: 'Dispositif suivant',
  previous: 'Dispositif précédent',
  carriedOn: 'Reportés le',
  refusal: 'Raison du refus',
  earlierSerials: 'Carnets remis auparavant',
  beneficiaryIds: 'Bénéficiaires montrés',
  fields: 'Champs rectifiés',
  by: 'Recherche par',
  // A programme's report for a period (modules/reports).
  periodStart: 'Début de la période',
  periodEnd: 'Fin de la période',
  // Changes of a funder's settings, and a deliberation's changes (core/program/types.ts).
  before: 'Avant',
  after: 'Après',
  iban: 'IBAN',
  bic: 'BIC',
  holder: 'Titulaire',
  level: 'Niveau',
  code: 'Code',
  fourEyes: 'Quatre yeux',
  plannedPasses: 'Pass prévus',
  calendar: 'Calendrier',
  distributionStart: 'Début de distribution',
  distributionEnd: 'Fin de distribution',
  closure: 'Clôture',
  status: 'Statut',
  audiences: 'Publics',
  bookletSizes: 'Tailles de carnet',
  passesPerBeneficiary: 'Pass par bénéficiaire',
  lateSessionDays: 'Tolérance après la fin d’utilisation (jours)',
  budget: 'Budget',
  // Both a budget's lines (under « Budget ») and an imported file's: the word fits both.
  lines: 'Lignes',
  cofunders: 'Cofinanceurs',
  phasing: 'Phasage des paiements',
  engineeringCeilingBps: 'Plafond de l’ingénierie',
  reportingDeadlines: 'Échéances de compte rendu',
  dueOn: 'Échéance',
  year: 'Année',
  shareBps: 'Part du budget',
  usedShareBps: 'Part des pass utilisés',
  // Payments and the bank's statements (modules/payments).
  transfers: 'Virements',
  complements: 'Compléments de virements payés en partie',
  requestedExecutionDate: 'Date d’exécution demandée',
  messageId: 'Référence du fichier de virements',
  sentWithIt: 'Lot transmis par ce téléchargement',
  endToEndId: 'Référence du virement',
  expectedCents: 'Montant attendu',
  paidCents: 'Montant reçu',
  paidOn: 'Payé le',
  fileName: 'Fichier',
  matched: 'Lignes rapprochées',
  // An import pays none of them: each waits for a person to accept or reject the amount.
  partial: 'Lignes au montant différent, en attente de décision',
  unmatched: 'Lignes sans virement correspondant',
  ignored: 'Lignes ignorées',
  returned: 'Virements retournés par la banque',
  returnedOn: 'Retourné le',
  returnReason: 'Motif du retour',
  line: 'Ligne',
  files: 'Fichiers (lignes)',
  minAge: 'Âge minimum',
  maxAge: 'Âge maximum',
  decision: 'Décision',
  invitedBy: 'Invité par',
  byOperator: 'Invitation de l’opérateur de la plateforme',
  adminsEmailed: 'Administrateurs prévenus par courriel',
  registration: 'Inscription par le lieu',
  siteOf: 'Autre site de la structure de',
  // An import of prescribers: how many lines did what.
  created: 'Créés',
  unchanged: 'Déjà présents',
  rejected: 'Refusés',
};

export function summaryKeyLabel(key: string): string {
  return Object.hasOwn(SUMMARY_KEY_LABELS, key) ? SUMMARY_KEY_LABELS[key]! : key;
}

/** Summary keys that hold the id of something with a name (resolved by the audit read API). */
export const NAMED_ID_KEYS = new Set([
  'programId',
  'placeId',
  'organisationId',
  'from',
  'to',
  'apiKeyId',
  'invitationId',
  'invitedBy',
  'siteOf',
]);

/** Keys that repeat what another key already says once names are resolved, or mean nothing to a reader. */
const HIDDEN_KEYS = new Set(['rectifies', 'redemptionId', 'complementOf']);

/** Roles in French, as the journal and the web app name them. */
export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: 'administrateur de la plateforme',
  funder_admin: 'administrateur du financeur',
  funder_viewer: 'lecteur du financeur',
  prescriber_agent: 'agent prescripteur',
  place_agent: 'agent de lieu de médiation',
  place_admin: 'administrateur de lieu de médiation',
  beneficiary: 'bénéficiaire',
};

const lowerCased = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v.toLowerCase()]));

const VALUE_LABELS: Record<string, Record<string, string>> = {
  by: {
    serial: 'numéro de carnet',
    name: 'nom',
    pass_code: 'code de pass',
    // A prescriber's desk finding what it handed out to a person (beneficiaries findHandedOut).
    names_and_birth_date: 'nom, prénom et date de naissance',
  },
  fields: { firstName: 'prénom', lastName: 'nom', birthDate: 'date de naissance' },
  refusal: {
    beneficiary_possible_duplicate: 'personne au nom et à la date de naissance proches',
    beneficiary_allowance_reached: 'droit de la personne atteint',
  },
  // A blocked booklet's reason, and a failed sign-in's (modules/auth/sign-in.ts).
  reason: {
    lost: 'Perdu',
    stolen: 'Volé',
    wrong_password: 'mot de passe erroné',
    // The network's address, not the e-mail's (« aucun compte à cette adresse » is the e-mail's).
    locked: 'compte bloqué depuis cet appareil ou ce réseau (trop d’essais manqués)',
    unknown_account: 'aucun compte à cette adresse',
    disabled: 'compte désactivé',
  },
  passReturnsTo: {
    outstanding: 'la personne (pass de nouveau utilisable)',
    cancelled: 'aucun, le carnet étant bloqué (pass annulé)',
  },
  // The fields of a place's profile (modules/place-profiles FIELDS).
  changed: {
    name: 'nom',
    communeCode: 'commune',
    address: 'adresse',
    addressComplement: 'complément d’adresse',
    postcode: 'code postal',
    latitude: 'latitude',
    longitude: 'longitude',
    openingHours: 'horaires',
    services: 'services',
    publics: 'publics',
    specificSupport: 'accompagnements spécifiques',
    accessModes: 'modalités d’accès',
    supportModes: 'modalités d’accompagnement',
    fees: 'frais',
    phone: 'téléphone',
    email: 'e-mail',
    website: 'site web',
    accessibilityUrl: 'page d’accessibilité',
    summary: 'résumé',
    description: 'description',
  },
  erasureReason: ERASURE_REASONS,
  returnReason: RETURN_REASONS,
  previousStatus: {
    stock: 'En stock',
    allocated: 'Chez un prescripteur',
    handed_out: 'Remis',
    blocked: 'Bloqué',
  },
  role: ROLE_LABELS,
  newRole: ROLE_LABELS,
  format: {
    individual: 'séance individuelle',
    collective: 'séance collective',
    camt053: 'relevé camt.053',
    csv: 'fichier CSV',
    pdf: 'document PDF',
  },
  kind: {
    // An organisation's, a funder's (modules/funders FUNDER_KINDS), a budget line's.
    region: 'région',
    departement: 'département',
    epci: 'EPCI',
    syndicat_mixte: 'syndicat mixte',
    commune: 'commune',
    place: 'lieu de médiation',
    prescriber: 'prescripteur',
    funder: 'financeur',
    acquisition: 'acquisition des pass',
    engineering: 'ingénierie d’accompagnement',
    other: 'autres dépenses',
  },
  level: { region: 'région', departement: 'département', epci: 'EPCI', commune: 'commune' },
  status: { draft: 'brouillon', active: 'selon son calendrier', suspended: 'suspendu', closed: 'clôturé' },
  decision: { accept: 'accepté', reject: 'refusé', dismiss: 'écarté' },
  statementStatus: lowerCased(STATEMENT_STATUS_LABELS),
  prescriberKind: PRESCRIBER_KIND_LABELS,
  // How a session was opened (modules/auth/sign-in.ts, SignInMethod).
  // Why the platform's operator could invite to a funder (auth/service.ts operatorInvitation).
  byOperator: {
    first_admin: 'premier administrateur, le financeur n’en ayant aucun',
    rescue: 'nouvel administrateur, aucun des siens ne pouvant plus agir (comptes désactivés)',
  },
  method: {
    password: 'mot de passe',
    invitation: 'invitation acceptée',
    proconnect: 'ProConnect',
    registration: 'inscription d’un lieu',
  },
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const UNGROUPED_NUMBERS = new Set(['year', 'line', 'firstNumber', 'lastNumber']);

function valueText(key: string, v: unknown, names: ReadonlyMap<string, string>): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number') {
    if (key.endsWith('Cents')) return formatEuros(v);
    if (key.endsWith('Bps')) return formatBps(v);
    // Counts grouped as every page writes them (« Plafond : 1 000 »); a year or a line number not.
    return Number.isSafeInteger(v) && !UNGROUPED_NUMBERS.has(key) ? formatCount(v) : String(v);
  }
  if (typeof v === 'string') {
    if (NAMED_ID_KEYS.has(key)) return names.get(v) ?? (UUID.test(v) ? 'introuvable' : v);
    if (key === 'beneficiaryId') return 'identifiant pseudonyme';
    if (key === 'communeCode') return territoryText('commune', v, names);
    if (VALUE_LABELS[key]?.[v]) return VALUE_LABELS[key][v]!;
    if (ISO_DAY.test(v)) return frenchDay(v);
    if (ISO_MONTH.test(v)) return frenchMonth(v);
    return v;
  }
  if (Array.isArray(v)) return v.length === 0 ? 'aucun' : v.map((x) => valueText(key, x, names)).join(', ');
  return objectText(v as Record<string, unknown>, names);
}

/**
 * An object of a summary in words: a deliberation's changes, a bank account, a territory, a rule.
 * What has a name is said by it; a territory by its level and code; the rest field by field,
 * nested ones in parentheses (« Calendrier (Fin d’utilisation : 31 décembre 2027) »).
 */
function objectText(o: Record<string, unknown>, names: ReadonlyMap<string, string>): string {
  if (typeof o.name === 'string') return o.name;
  // An audience (its label says its ages), a budget line, a reporting deadline.
  if (typeof o.label === 'string')
    return [
      o.label,
      ...Object.entries(o).flatMap(([k, x]) =>
        (k.endsWith('Cents') || k === 'dueOn') && x != null ? [valueText(k, x, names)] : [],
      ),
    ].join(' : ');
  if (typeof o.level === 'string' && typeof o.code === 'string')
    return `${valueText('level', o.level, names)} ${territoryText(o.level, o.code, names)}`;
  // A funder's rule for unusual days, as its settings page says it.
  if (typeof o.minimum === 'number' && typeof o.factor === 'number')
    return `au moins ${o.minimum} pass dans la journée et plus de ${o.factor} fois l’habitude du lieu`;
  const text = Object.entries(o)
    .filter(([k, x]) => x !== undefined && !HIDDEN_KEYS.has(k))
    .map(([k, x]) =>
      x !== null && typeof x === 'object' && !Array.isArray(x)
        ? `${summaryKeyLabel(k)} (${objectText(x as Record<string, unknown>, names)})`
        : `${summaryKeyLabel(k)} : ${valueText(k, x, names)}`,
    )
    .join(', ');
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

/** Facts read as a pair, the first before the second whatever order the database kept them in. */
const READING_PAIRS: readonly [string, string][] = [
  ['before', 'after'],
  ['firstNumber', 'lastNumber'],
  ['first', 'last'],
  ['periodStart', 'periodEnd'],
  ['from', 'to'],
];

/** The facts of an entry's summary, one French line each (« Montant : 1 234,50 € »). */
export function summaryLines(summary: Record<string, unknown>, names: ReadonlyMap<string, string>): string[] {
  const entries = Object.entries(summary ?? {});
  // Stored, a summary's keys come shortest first (jsonb): « Après » came before « Avant »,
  // « Dernier numéro » before « Premier numéro », « Fin » before « Début ». Each pair in reading order.
  for (const [first, second] of READING_PAIRS) {
    const i = entries.findIndex(([k]) => k === first);
    const j = entries.findIndex(([k]) => k === second);
    if (i >= 0 && j >= 0 && i > j) [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  // A bank line may have no label (a camt.053 entry with no remittance text): « Libellé : »
  // with nothing after it reads as a fault, so the fact is left out.
  const blankLabel = (k: string, v: unknown) => k === 'label' && typeof v === 'string' && !v.trim();
  return entries
    .filter(([k, v]) => v !== undefined && !HIDDEN_KEYS.has(k) && !blankLabel(k, v))
    .map(([k, v]) => {
      // `from` null is the funder's own stock; `to` null is back to it.
      if ((k === 'from' || k === 'to') && v === null) return `${summaryKeyLabel(k)} : stock du financeur`;
      return `${summaryKeyLabel(k)} : ${valueText(k, v, names)}`;
    });
}

/** The key under which the reader's names map holds a territory's official name. */
export const territoryKey = (level: string, code: string) => `${level}:${code}`;

/**
 * A territory by its official name, its code after it (« Montreuil (62850) »): people know a
 * commune by name, an INSEE code alone says nothing. An EPCI's code (a SIREN) would only add
 * noise; a code no longer official stays bare.
 */
function territoryText(level: string, code: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(territoryKey(level, code));
  if (!name) return code;
  return level === 'epci' || level === 'region' ? name : `${name} (${code})`;
}

/**
 * The territories a summary names by INSEE code (a beneficiary's or a place's commune, a
 * funder's territory before and after), for the reader to resolve into names.
 */
export function namedTerritories(summary: unknown): { level: string; code: string }[] {
  const found: { level: string; code: string }[] = [];
  const walk = (v: unknown, key: string) => {
    if (key === 'communeCode' && typeof v === 'string') found.push({ level: 'commune', code: v });
    if (Array.isArray(v)) for (const x of v) walk(x, key);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.level === 'string' && typeof o.code === 'string')
        found.push({ level: o.level, code: o.code });
      for (const [k, x] of Object.entries(o)) walk(x, k);
    }
  };
  walk(summary, '');
  return found;
}

/** Ids in a summary that name something (programme, place, prescriber…), to resolve in one query. */
export function namedIds(summary: Record<string, unknown>): string[] {
  return Object.entries(summary ?? {})
    .filter(([k, v]) => NAMED_ID_KEYS.has(k) && typeof v === 'string' && UUID.test(v))
    .map(([, v]) => v as string);
}
