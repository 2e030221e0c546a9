/**
 * The kinds of e-mail the platform sends, and what each needs to be written. Params are stored
 * as JSON in the outbox and rendered when the message is sent: dates are 'YYYY-MM-DD', months
 * 'YYYY-MM', amounts integer cents, links are paths or tokens (the sender builds the URL from
 * PUBLIC_URL), so that nothing depends on the process that enqueued.
 */
import type { FormerAccountTransfer } from '../../../core/safeguards.js';

export interface TemplateParams {
  /** To the invited address: the link to accept (issue 12 point 7: sent, no longer handed over). */
  invitation: {
    /** The funder or organisation the person is invited to. */
    organisationName: string;
    /** The role in French, e.g. « administrateur du financeur ». */
    roleLabel: string;
    /** Who invited, as displayed in the app; absent for the platform. */
    invitedBy?: string;
    /** The invitation's one-time token (the link is /invitation/<token>). */
    token: string;
    /** Last day the link works, 'YYYY-MM-DD'. */
    expiresOn: string;
  };
  /** To the account's address: the link to choose a new password, valid one hour. */
  password_reset: {
    displayName?: string;
    /** The reset's one-time token (the link is /mot-de-passe/nouveau/<token>). */
    token: string;
  };
  /** To the address given for a place's admin: the link that confirms the registration, valid 24 hours. */
  place_registration: {
    /** The registration's one-time token (the link is /lieux/inscription/confirmer/<token>). */
    token: string;
  };
  /** To an address given for a place's admin that has an account already: nothing was created. */
  place_registration_account: Record<string, never>;
  /** To the place: its statement for a month is available and may be contested within 15 days. */
  statement_ready: {
    placeName: string;
    /** The place, named in the link (absent from messages queued before it was). */
    placeId?: string;
    funderName: string;
    programName: string;
    statementNumber: string;
    /** 'YYYY-MM' */
    month: string;
    /** A place's final statement: its day of issue, 'YYYY-MM-DD', to which it runs from the 1st. */
    finalOn?: string;
    totalCents: number;
    /** Last day to contest, 'YYYY-MM-DD'. */
    contestBy: string;
  };
  /** To the funder's admins: a place contested a statement. */
  statement_contested: {
    /** The funder, named in the link (absent from messages queued before it was). */
    funderId?: string;
    placeName: string;
    programName: string;
    statementNumber: string;
    reason: string;
  };
  /** To the place: the funder answered its contest. */
  statement_answered: {
    placeName: string;
    /** The place, named in the link (absent from messages queued before it was). */
    placeId?: string;
    funderName: string;
    statementNumber: string;
    answer: string;
  };
  /** To the place: the statement is approved and will be paid. */
  statement_approved: {
    placeName: string;
    /** The place, named in the link (absent from messages queued before it was). */
    placeId?: string;
    funderName: string;
    statementNumber: string;
    totalCents: number;
  };
  /** To the place: the transfer paying one or more statements was received by the bank. */
  statement_paid: {
    placeName: string;
    /** The place, named in the link (absent from messages queued before it was). */
    placeId?: string;
    funderName: string;
    statementNumbers: string[];
    amountCents: number;
    /** 'YYYY-MM-DD' */
    paidOn: string;
    /**
     * The label the SEPA file gave the transfer (at most 140 characters: it may cite only the
     * first numbers); absent when several transfers paid them, and from messages queued before it.
     */
    remittance?: string;
  };
  /** To the place: the bank sent back the transfer paying these statements; still owed. */
  transfer_returned: {
    placeName: string;
    /** The place, named in the link (absent from messages queued before it was). */
    placeId?: string;
    funderName: string;
    statementNumbers: string[];
    amountCents: number;
    /** 'YYYY-MM-DD', the bank's booking day of the return */
    returnedOn: string;
    /** the ISO 20022 return reason (e.g. AC04), null when the bank did not say */
    reason: string | null;
  };
  /** To prescribers still holding stock and to places, J-30, J-15 and J-7 before the usage end. */
  usage_end_reminder: {
    audience: 'prescriber' | 'place';
    organisationName: string;
    /** Places: the place, named in the link (absent from messages queued before it was). */
    placeId?: string;
    /** Prescribers: the prescriber organisation, named in the link (absent from messages queued before it was). */
    prescriberId?: string;
    programName: string;
    funderName: string;
    /** 'YYYY-MM-DD' */
    usageEnd: string;
    /** 'YYYY-MM-DD': the last day prescribers hand passes out (absent from reminders queued before it was said). */
    distributionEnd?: string;
    /** Days to the end the reminder announces: the distribution end for prescribers, the usage end for places. */
    daysLeft: number;
    /** Prescribers: passes still in stock. */
    passesInStock?: number;
    /** Places: 'YYYY-MM-DD', the last day a late session may be recorded (absent from reminders queued before it was said). */
    lastRecordingDay?: string;
  };
  /**
   * To every admin of a funder or a place, the one who made it included: a safeguard of the money
   * changed (the four-eyes rule on payment runs, the account that pays or is paid). If an admin's
   * account was taken over, its owner learns it here.
   */
  safeguard_changed: {
    audience: 'funder' | 'place';
    organisationName: string;
    /** A place's change: the place, named in the link (absent from messages queued before it was). */
    placeId?: string;
    /** A funder's change: the funder, named in the link (absent from messages queued before it was). */
    funderId?: string;
    change: 'four_eyes_off' | 'four_eyes_on' | 'bank_account' | 'operator_invitation';
    /** The admin who made the change (the operator, for an invitation), as displayed in the app. */
    changedBy: string;
    /** 'YYYY-MM-DD' */
    changedOn: string;
    /** The new account's last four characters: never the whole IBAN in an e-mail. */
    ibanEnd?: string;
    /** A place's account: the transfers already engaged that still go to its former account. */
    formerAccountTransfers?: FormerAccountTransfer[];
    /** An invitation by the platform's operator: the address invited, and the role in words. */
    invitedEmail?: string;
    roleLabel?: string;
  };
  /**
   * To a funder's admins: a place recorded a new bank account while transfers to it wait in a
   * run of the funder not sent yet, which pays the former account unless it is prepared anew.
   */
  place_account_changed: {
    /** The funder, named in the link (absent from messages queued before it was). */
    funderId?: string;
    placeName: string;
    /** 'YYYY-MM-DD' */
    changedOn: string;
    /** The new account's last four characters. */
    ibanEnd: string;
    transfers: {
      amountCents: number;
      state: 'prepared' | 'approved';
      since: string;
      formerIbanEnd: string;
    }[];
  };
  /**
   * To a person whose access to a team (a funder's, a place's, a prescriber's) its admin ended,
   * or whose role in it they changed.
   */
  access_changed: {
    organisationName: string;
    change: 'ended' | 'role';
    /** The new role as the team page names it (a role change only). */
    roleName?: string;
    /** The admin who made the change, as displayed in the app. */
    changedBy: string;
    /** 'YYYY-MM-DD' */
    changedOn: string;
  };
  /**
   * To the owner of an account for whom an admin of her team prepared a password link, to hand
   * over in person (a server without e-mail, auth/members.ts): never the link itself.
   */
  password_link_issued: {
    /** The team: the funder, or the place. */
    organisationName: string;
    /** The admin who prepared it, as displayed in the app. */
    issuedBy: string;
    /** 'YYYY-MM-DD' */
    issuedOn: string;
  };
  /**
   * To each admin of a place: a funder decided on its qualification for one of its programmes
   * (approved, refused, suspended, reinstated, withdrawn), with the reason the place reads.
   */
  qualification_decision: {
    placeName: string;
    /** The place, named in the link. */
    placeId: string;
    funderName: string;
    programName: string;
    decision: 'approved' | 'refused' | 'suspended' | 'reinstated' | 'revoked';
    /** The funder's reason; null for an approval given without one. */
    reason: string | null;
    /** 'YYYY-MM-DD' */
    effectiveOn: string;
    /** The funder's contact for its places (its settings), null when it gave none. */
    contact: { email: string; phone: string | null } | null;
    /**
     * A refusal of an application the programme closed before answering: the place is not
     * invited to apply again (absent from messages queued before it was: false).
     */
    programClosed?: boolean;
  };
  /**
   * To the funder's admins: a place stopped taking one of its programmes' passes of its own
   * accord (its admin said so, with a reason); its recorded sessions remain to be stated.
   */
  place_left_program: {
    /** The funder, named in the link. */
    funderId: string;
    /** The place, whose page the link opens. */
    placeId: string;
    placeName: string;
    programName: string;
    /** The place's reason. */
    reason: string;
    /** 'YYYY-MM-DD' */
    effectiveOn: string;
  };
  /**
   * To the funder's admins, the day after: the places that redeemed far more of a programme's
   * passes than they usually do that day (the dashboard's « Journées inhabituelles »).
   */
  unusual_days: {
    /** The funder, named in the link (absent from messages queued before it was). */
    funderId?: string;
    programId: string;
    programName: string;
    /** 'YYYY-MM-DD' */
    day: string;
    /** The funder's rule that day; messages queued before funders had one (migration 0073) have none: 20, three times. */
    rule?: { minimum: number; factor: number };
    /** Busiest first. */
    places: { placeName: string; redemptions: number; usualPerDay: number | null }[];
  };
}

export type TemplateName = keyof TemplateParams;

export const TEMPLATE_NAMES = [
  'invitation',
  'password_reset',
  'statement_ready',
  'statement_contested',
  'statement_answered',
  'statement_approved',
  'statement_paid',
  'usage_end_reminder',
  'safeguard_changed',
  'place_account_changed',
  'transfer_returned',
  'place_registration',
  'place_registration_account',
  'unusual_days',
  'access_changed',
  'password_link_issued',
  'qualification_decision',
  'place_left_program',
] as const satisfies readonly TemplateName[];

/**
 * Messages a person waits for (a link to follow now) or must read at once (a safeguard
 * turned off): the sender takes them before the others due.
 */
export const AWAITED_TEMPLATES = [
  'invitation',
  'password_reset',
  'safeguard_changed',
  'place_account_changed',
  'place_registration',
  'place_registration_account',
  'password_link_issued',
] as const satisfies readonly TemplateName[];

/** Each template's name in French, for the platform admin's list of messages. */
export const TEMPLATE_LABELS: Record<TemplateName, string> = {
  invitation: 'Invitation',
  password_reset: 'Réinitialisation du mot de passe',
  statement_ready: 'Relevé disponible',
  statement_contested: 'Relevé contesté',
  statement_answered: 'Réponse à une contestation',
  statement_approved: 'Relevé approuvé',
  statement_paid: 'Relevé payé',
  usage_end_reminder: 'Rappel de fin de distribution ou d’utilisation',
  safeguard_changed: 'Règle, compte bancaire ou administrateur invité par l’opérateur',
  place_account_changed: 'Compte bancaire d’un lieu modifié, virement en attente',
  transfer_returned: 'Virement retourné par la banque',
  place_registration: 'Confirmation de l’inscription d’un lieu',
  place_registration_account: 'Inscription d’un lieu : compte existant',
  unusual_days: 'Journée inhabituelle d’un lieu',
  access_changed: 'Accès retiré ou rôle changé',
  password_link_issued: 'Lien de mot de passe préparé par un administrateur',
  qualification_decision: 'Décision du financeur sur la qualification d’un lieu',
  place_left_program: 'Un lieu a cessé de prendre les pass d’un dispositif',
};

/** A message to enqueue: `template` decides the shape of `params`. */
export type MessageInput = {
  [K in TemplateName]: {
    to: string;
    template: K;
    params: TemplateParams[K];
    /** The funder the message is about, if any (for scoping its list later). */
    funderId?: string | null;
    /** A key that makes enqueueing idempotent: a second message with it is not written. */
    dedupeKey?: string;
    /** When its one-time link expires: not sent after that, but withdrawn. */
    sendBefore?: Date;
  };
}[TemplateName];
