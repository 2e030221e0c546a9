import type { MessageInput } from './templates/types.js';

/**
 * One realistic message of each kind: the demo's outbox and the tests of every template use them.
 * Names and amounts as a place in the Meuse would see them.
 */
export const EXAMPLE_MESSAGES = [
  {
    to: 'claire.petit@meuse.fr',
    template: 'invitation',
    params: {
      organisationName: 'Département de la Meuse',
      roleLabel: 'administrateur du financeur',
      invitedBy: 'Julien Robert',
      token: 'exemple-jeton-invitation',
      expiresOn: '2026-12-14',
    },
  },
  {
    to: 'marc.lefebvre@example.fr',
    template: 'password_reset',
    params: { displayName: 'Marc Lefebvre', token: 'exemple-jeton-reinitialisation' },
  },
  {
    to: 'contact@mediatheque-verdun.fr',
    template: 'statement_ready',
    params: {
      placeName: 'Médiathèque de Verdun',
      funderName: 'Département de la Meuse',
      programName: 'Pass numérique Meuse 2026',
      statementNumber: '2026-000017',
      month: '2026-10',
      totalCents: 48_000,
      contestBy: '2026-11-17',
    },
  },
  {
    to: 'finances@meuse.fr',
    template: 'statement_contested',
    params: {
      placeName: 'Médiathèque de Verdun',
      programName: 'Pass numérique Meuse 2026',
      statementNumber: '2026-000017',
      reason: 'Deux séances du 14 octobre <manquent> au relevé & une est comptée deux fois.',
    },
  },
  {
    to: 'contact@mediatheque-verdun.fr',
    template: 'statement_answered',
    params: {
      placeName: 'Médiathèque de Verdun',
      funderName: 'Département de la Meuse',
      statementNumber: '2026-000017',
      answer: 'Les deux séances ont été enregistrées le 3 novembre : elles figureront au relevé de novembre.',
    },
  },
  {
    to: 'contact@mediatheque-verdun.fr',
    template: 'statement_approved',
    params: {
      placeName: 'Médiathèque de Verdun',
      funderName: 'Département de la Meuse',
      statementNumber: '2026-000017',
      totalCents: 48_000,
    },
  },
  {
    to: 'contact@mediatheque-verdun.fr',
    template: 'statement_paid',
    params: {
      placeName: 'Médiathèque de Verdun',
      funderName: 'Département de la Meuse',
      statementNumbers: ['2026-000017'],
      amountCents: 48_000,
      paidOn: '2026-11-28',
      remittance: 'Releve pass numerique 2026-000017 - Departement de la Meuse',
    },
  },
  {
    to: 'accueil@ccas-bar-le-duc.fr',
    template: 'usage_end_reminder',
    params: {
      audience: 'prescriber',
      organisationName: 'CCAS de Bar-le-Duc',
      programName: 'Pass numérique Meuse 2026',
      funderName: 'Département de la Meuse',
      usageEnd: '2026-12-31',
      distributionEnd: '2026-11-30',
      daysLeft: 30,
      passesInStock: 42,
    },
  },
  {
    to: 'claire.petit@meuse.fr',
    template: 'safeguard_changed',
    params: {
      audience: 'funder',
      organisationName: 'Département de la Meuse',
      change: 'four_eyes_off',
      changedBy: 'Julien Robert',
      changedOn: '2026-11-27',
    },
  },
  {
    to: 'claire.petit@meuse.fr',
    template: 'place_account_changed',
    params: {
      placeName: 'Médiathèque de Verdun',
      changedOn: '2026-11-27',
      ibanEnd: '0189',
      transfers: [{ amountCents: 48_000, state: 'approved', since: '2026-11-25', formerIbanEnd: '0129' }],
    },
  },
  {
    to: 'lucie.moreau@exemple.fr',
    template: 'access_changed',
    params: {
      organisationName: 'Médiathèque de Verdun',
      change: 'ended',
      changedBy: 'Thomas Petit',
      changedOn: '2026-11-27',
    },
  },
  {
    to: 'lucie.moreau@exemple.fr',
    template: 'password_link_issued',
    params: {
      organisationName: 'Médiathèque de Verdun',
      issuedBy: 'Thomas Petit',
      issuedOn: '2026-11-27',
    },
  },
  {
    to: 'contact@mediatheque-verdun.fr',
    template: 'transfer_returned',
    params: {
      placeName: 'Médiathèque de Verdun',
      funderName: 'Département de la Meuse',
      statementNumbers: ['2026-000017'],
      amountCents: 48_000,
      returnedOn: '2026-12-02',
      reason: 'AC04',
    },
  },
  {
    to: 'direction@espace-numerique-commercy.fr',
    template: 'place_registration',
    params: { token: 'exemple-jeton-inscription' },
  },
  {
    to: 'mediation@bibliotheque-bar-le-duc.fr',
    template: 'place_registration_account',
    params: {},
  },
  {
    to: 'contact@mediatheque-verdun.fr',
    template: 'qualification_decision',
    params: {
      placeName: 'Médiathèque de Verdun',
      placeId: '3f2a1c4e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
      funderName: 'Département de la Meuse',
      programName: 'Pass numérique Meuse 2026',
      decision: 'revoked',
      reason: 'Fermeture définitive de la médiathèque au 30 novembre.',
      effectiveOn: '2026-11-27',
      contact: { email: 'pass-numerique@meuse.fr', phone: '03 29 45 77 12' },
    },
  },
  {
    to: 'claire.petit@meuse.fr',
    template: 'place_left_program',
    params: {
      funderId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      placeId: '3f2a1c4e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
      placeName: 'Médiathèque de Verdun',
      programName: 'Pass numérique Meuse 2026',
      reason: 'Notre médiatrice part en janvier et nous fermons le point numérique.',
      effectiveOn: '2026-11-27',
    },
  },
  {
    to: 'finances@meuse.fr',
    template: 'unusual_days',
    params: {
      programId: '0b6f7d2e-3c1a-4e8b-9f00-5a1d2c3b4e5f',
      programName: 'Pass numérique Meuse 2026',
      day: '2026-12-03',
      rule: { minimum: 15, factor: 4 },
      places: [
        { placeName: 'Médiathèque de Verdun', redemptions: 42, usualPerDay: 3.5 },
        { placeName: 'Espace numérique de Commercy', redemptions: 21, usualPerDay: null },
      ],
    },
  },
] as const satisfies readonly MessageInput[];
