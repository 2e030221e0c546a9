/**
 * Every refusal the API can answer, by its stable `code`: its HTTP status and the French
 * title of its problem+json. The throwing code (core/errors.ts `DomainError`, the HTTP
 * layer) takes the status and title from here, and the OpenAPI document lists, for each
 * operation, the codes its route declares from here (http/openapi.ts): one source, so the
 * document cannot say a status the server does not answer. A new refusal is a new entry.
 */
export interface ProblemKind {
  status: number;
  title: string;
}

export const PROBLEMS = {
  // Requests that cannot be read (the framework's codes, lower-cased).
  bad_request: { status: 400, title: 'Requête invalide' },
  fst_err_ctp_invalid_json_body: { status: 400, title: 'JSON invalide' },
  fst_err_ctp_empty_json_body: { status: 400, title: 'Corps de requête vide' },
  fst_err_bad_url: { status: 400, title: 'Adresse mal formée' },
  fst_err_ctp_body_too_large: { status: 413, title: 'Requête trop volumineuse' },
  fst_err_max_param_length: { status: 414, title: 'Paramètre trop long' },
  fst_err_ctp_invalid_media_type: { status: 415, title: 'Type de contenu non pris en charge' },
  file_expected: { status: 415, title: 'Fichier attendu' },
  request_timeout: { status: 408, title: 'Délai dépassé' },
  request_header_too_large: { status: 431, title: 'En-têtes trop volumineux' },

  // Who calls.
  unauthenticated: { status: 401, title: 'Non authentifié' },
  invalid_credentials: { status: 401, title: 'Identifiants incorrects' },
  invalid_api_key: { status: 401, title: "Clé d'API invalide" },
  forbidden: { status: 403, title: 'Accès refusé' },
  csrf_failed: { status: 403, title: 'Jeton de sécurité invalide' },
  session_required: { status: 403, title: 'Personne connectée requise' },
  invitation_other_account: { status: 403, title: 'Invitation pour un autre compte' },
  password_not_set: { status: 409, title: 'Mot de passe jamais choisi' },
  not_found: { status: 404, title: 'Introuvable' },
  rate_limited: { status: 429, title: 'Trop de requêtes' },

  // Refused values.
  validation_failed: { status: 422, title: 'Données invalides' },
  audience_age_mismatch: { status: 422, title: 'Âge hors du public du dispositif' },
  commune_outside_territory: { status: 422, title: 'Commune hors du territoire' },
  payer_not_cofunder: { status: 422, title: "Payeur qui n'est pas cofinanceur" },
  not_standard_file: { status: 422, title: 'Fichier hors du standard' },
  empty_file: { status: 422, title: 'Fichier vide' },
  backup_unreadable: { status: 422, title: 'Sauvegarde illisible' },

  // Passes and redemptions (core/session.ts REFUSALS).
  malformed_code: { status: 422, title: 'Code mal saisi' },
  unknown_code: { status: 404, title: 'Code inconnu' },
  not_handed_out: { status: 409, title: 'Pass non remis' },
  not_yet_valid: { status: 409, title: 'Pass pas encore valable' },
  expired: { status: 409, title: 'Pass expiré' },
  already_redeemed: { status: 409, title: 'Pass déjà utilisé' },
  blocked: { status: 409, title: 'Pass bloqué' },
  cancelled: { status: 409, title: 'Pass annulé' },
  program_closed: { status: 409, title: "Dispositif fermé à l'encaissement" },
  place_suspended: { status: 409, title: 'Lieu suspendu' },
  nonce_reused: { status: 409, title: 'Nonce déjà utilisé' },
  cancel_window_closed: { status: 409, title: "Délai d'annulation dépassé" },
  theme_not_offered: { status: 422, title: 'Thème que le lieu ne propose pas' },

  // Conflicts with the state of things.
  account_exists: { status: 409, title: 'Compte existant' },
  email_taken: { status: 409, title: 'Adresse déjà utilisée' },
  amendment_already_rectified: { status: 409, title: 'Délibération déjà rectifiée' },
  beneficiary_allowance_reached: { status: 409, title: 'Droit du bénéficiaire atteint' },
  beneficiary_possible_duplicate: { status: 409, title: 'Personne peut-être déjà servie' },
  beneficiary_identity_taken: { status: 409, title: 'Identité déjà portée par une autre personne' },
  booklet_already_replaced: { status: 409, title: 'Carnet déjà remplacé' },
  replacement_exceeds_loss: { status: 409, title: 'Remplacement plus grand que la perte' },
  booklet_blocked: { status: 409, title: 'Carnet bloqué' },
  booklet_not_allocated: { status: 409, title: 'Carnet non confié' },
  booklet_not_blocked: { status: 409, title: 'Carnet non bloqué' },
  booklet_not_funded: { status: 409, title: 'Carnet non financé' },
  booklet_not_held: { status: 409, title: 'Carnet non détenu' },
  beneficiary_already_erased: { status: 409, title: 'Données déjà effacées' },
  booklet_not_in_stock: { status: 409, title: 'Carnet hors du stock' },
  booklets_not_in_stock: { status: 409, title: 'Carnets hors du stock' },
  charter_outdated: { status: 409, title: 'Charte périmée' },
  duplicate_funding: { status: 409, title: 'Versement déjà enregistré' },
  envelope_cap_exceeded: { status: 409, title: "Plafond de l'enveloppe dépassé" },
  envelope_name_taken: { status: 409, title: "Nom d'enveloppe déjà pris" },
  envelopes_over_cap: { status: 409, title: 'Enveloppes au-delà du plafond' },
  funding_already_reversed: { status: 409, title: 'Versement déjà annulé' },
  funding_passes_circulating: { status: 409, title: 'Pass du versement en circulation' },
  funding_value_used: { status: 409, title: 'Argent du versement déjà utilisé' },
  import_conflict: { status: 409, title: "Conflit d'import" },
  invalid_decision: { status: 409, title: 'Décision impossible' },
  no_application_to_refuse: { status: 409, title: 'Aucune candidature à refuser' },
  place_left_program: { status: 409, title: 'Le lieu a cessé de prendre ces pass' },
  no_charter: { status: 409, title: 'Aucune charte' },
  no_questionnaire: { status: 409, title: 'Aucun questionnaire' },
  program_closed_to_applications: { status: 409, title: 'Dispositif fermé aux candidatures' },
  nothing_to_take_back: { status: 409, title: 'Rien à reprendre' },
  payer_share_exceeded: { status: 409, title: 'Part du payeur dépassée' },
  place_exists: { status: 409, title: 'Lieu existant' },
  place_siret_differs: { status: 409, title: 'SIRET d’un lieu d’un autre nom ou d’une autre commune' },
  place_similar_exists: { status: 409, title: 'Lieu au nom proche dans la même commune, à confirmer' },
  site_name_taken: { status: 409, title: 'Nom d’un site de la même structure' },
  place_without_siret: { status: 409, title: 'Lieu sans SIRET' },
  plan_below_issued: { status: 409, title: 'Plan inférieur aux émissions' },
  calendar_before_activity: { status: 409, title: 'Calendrier antérieur à l’activité' },
  usage_end_in_past: { status: 409, title: 'Fin d’utilisation passée, à confirmer' },
  deliberation_recorded: { status: 409, title: 'Délibération déjà enregistrée' },
  share_below_paid: { status: 409, title: 'Part inférieure au déjà versé, à confirmer' },
  territory_leaves_envelopes: { status: 409, title: 'Enveloppe hors du territoire' },
  funder_name_taken: { status: 409, title: 'Nom de financeur déjà pris' },
  prescriber_name_taken: { status: 409, title: 'Nom de prescripteur déjà pris' },
  program_cap_exceeded: { status: 409, title: 'Plafond du dispositif dépassé' },
  carry_over_value_mismatch: { status: 409, title: 'Valeur des pass différente' },
  carry_over_target_not_running: { status: 409, title: 'Dispositif suivant pas en cours' },
  carry_over_no_room: { status: 409, title: 'Plus de place dans le dispositif suivant' },
  carry_over_too_late: { status: 409, title: 'Fin de dispositif déjà passée' },
  program_status_forbids: { status: 409, title: 'État du dispositif incompatible' },
  qualification_incomplete: { status: 409, title: 'Qualification incomplète' },
  questionnaire_outdated: { status: 409, title: 'Questionnaire périmé' },
  siret_taken: { status: 409, title: 'SIRET déjà enregistré' },
  stock_insufficient: { status: 409, title: 'Stock insuffisant' },

  // Command line and operations (never answered over HTTP, kept here for one list).
  backup_not_found: { status: 404, title: 'Sauvegarde introuvable' },
  restore_target_not_empty: { status: 409, title: 'Base de restauration non vide' },
  restore_target_in_use: { status: 409, title: 'Base de restauration utilisée par la plateforme' },
  audit_key_invalid: { status: 500, title: "Clé d'audit invalide" },
  audit_key_unavailable: { status: 500, title: "Clé d'audit indisponible" },
  audit_key_unchanged: { status: 409, title: 'Clé d’audit inchangée' },
  audit_key_retired: { status: 409, title: 'Clé d’audit déjà remplacée' },
  audit_key_in_use: { status: 409, title: 'Base utilisée par la plateforme' },
  audit_trail_broken: { status: 409, title: 'Journal d’audit rompu' },
  audit_entries_pending: { status: 409, title: 'Entrées du journal en attente de sceau' },
  pg_tool_missing: { status: 500, title: 'Outil PostgreSQL absent' },

  // The server's side.
  internal_error: { status: 500, title: 'Erreur interne' },
  database_unavailable: { status: 503, title: 'Base de données indisponible' },
  integrity_check_failed: { status: 503, title: 'Vérification du journal inachevée' },
  service_stopping: { status: 503, title: "Service en cours d'arrêt" },
  concurrent_update: { status: 409, title: 'Modification simultanée' },

  // Paying places, messages and the end of a programme (issue 12).
  session_date_in_future: { status: 422, title: 'Date de séance dans le futur' },
  session_after_usage_end: { status: 422, title: "Séance après la fin d'utilisation" },
  late_session_period_over: { status: 409, title: 'Délai des séances tardives dépassé' },
  password_reset_invalid: { status: 400, title: 'Lien de réinitialisation invalide' },
  link_incomplete: { status: 400, title: 'Lien incomplet' },
  registration_link_invalid: { status: 400, title: 'Lien d’inscription invalide' },
  payment_beyond_owed: { status: 409, title: 'Paiement au-delà de ce qui est dû' },
  message_not_failed: { status: 409, title: "Message qui n'est pas en échec" },
  message_withdrawn: { status: 409, title: 'Message retiré avant son envoi' },
  no_bank_account: { status: 409, title: 'Compte bancaire manquant' },
  nothing_to_pay: { status: 409, title: 'Rien à payer' },
  creditor_is_debtor: { status: 409, title: 'Compte du lieu à corriger' },
  run_state: { status: 409, title: 'État du lot de paiement' },
  run_transfers_booked: { status: 409, title: 'Virements du lot déjà passés par la banque' },
  accounts_to_check: { status: 409, title: 'Comptes à vérifier avant d’approuver' },
  four_eyes: { status: 409, title: 'Règle des quatre yeux' },
  no_approved_run: { status: 409, title: 'Aucun lot approuvé' },
  transfer_settled: { status: 409, title: 'Virement déjà rapproché' },
  bank_file_already_imported: { status: 409, title: 'Relevé déjà importé' },
  line_decided: { status: 409, title: 'Ligne déjà décidée' },
  write_off_beyond_owed: { status: 409, title: 'Passage en perte au-delà de ce qui est dû' },
  return_beyond_paid: { status: 409, title: 'Retour au-delà de ce qui a été payé' },
  no_remainder: { status: 409, title: 'Aucun reste à payer' },
  write_off_pending_cancellations: { status: 409, title: 'Pass annulés en attente de relevé' },
  complement_in_progress: { status: 409, title: 'Complément déjà en cours' },
  statement_state: { status: 409, title: 'État du relevé changé' },
  statement_status: { status: 409, title: 'Étape impossible pour ce relevé' },
  contest_window_closed: { status: 409, title: 'Délai de contestation dépassé' },
  // A place's final statement (statements.issueFinal): for a place that stopped, with something to state.
  place_still_redeeming: { status: 409, title: 'Lieu encore en activité' },
  nothing_to_state: { status: 409, title: 'Rien à relever' },
  final_statement_exists: { status: 409, title: 'Relevé déjà émis ce mois-ci' },
  membership_ended: { status: 409, title: 'Accès déjà retiré' },
  own_membership: { status: 409, title: 'Son propre accès' },
  last_admin: { status: 409, title: 'Dernier administrateur' },
  invitation_closed: { status: 409, title: 'Invitation déjà close' },
  invitation_gone: { status: 410, title: 'Invitation plus valable' },
  already_member: { status: 409, title: 'Déjà dans l’équipe' },
  place_runs_its_team: { status: 409, title: 'Le lieu gère son équipe' },
  funder_runs_its_team: { status: 409, title: 'Le financeur gère son équipe' },
  operator_invites_admins_only: { status: 409, title: 'L’opérateur n’invite que l’administrateur' },
  cofunder_has_payments: { status: 409, title: 'Cofinanceur ayant déjà versé' },
  operator_account: { status: 409, title: 'Compte de l’opérateur de la plateforme' },
  api_key_label_taken: { status: 409, title: "Nom de clé d'API déjà pris" },
  account_already_disabled: { status: 409, title: 'Compte déjà désactivé' },
  account_already_enabled: { status: 409, title: 'Compte déjà actif' },
  own_account: { status: 409, title: 'Son propre compte' },
  account_disabled: { status: 409, title: 'Compte désactivé' },
  account_elsewhere: { status: 409, title: 'Compte rattaché ailleurs' },
} as const satisfies Record<string, ProblemKind>;

export type ProblemCode = keyof typeof PROBLEMS;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEMS, code);
}

/** The kind of a code; a framework code not in the list (a new Fastify error) by its status. */
export function problemKind(code: string, status = 500): ProblemKind {
  return isProblemCode(code) ? PROBLEMS[code] : { status, title: 'Erreur' };
}
