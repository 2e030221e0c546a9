import type { AmendInput, CreateProgramInput, EnvelopeInput } from '../modules/programs/service.js';

/**
 * The three programmes of the public deliberations the project started from (see
 * docs/domain.md), recorded as they were decided: a founding deliberation, then dated
 * amendments. Amounts in cents.
 */
export interface DemoProgram {
  creation: CreateProgramInput;
  amendments: AmendInput[];
  envelopes: EnvelopeInput[];
}

const EUR = (euros: number) => euros * 100;
const HDF_CP = 'Commission permanente du conseil régional Hauts-de-France';

export const hautsDeFrance: DemoProgram = {
  creation: {
    effectiveOn: '2020-02-04',
    legal: {
      body: HDF_CP,
      number: '2020.00263',
      decidedOn: '2020-02-04',
      votesFor: 52,
      votesAgainst: 0,
      abstentions: 0,
      text: 'Acquisition de pass numériques et déploiement en Hauts-de-France.',
    },
    state: {
      name: 'Pass numériques Hauts-de-France',
      faceValueCents: EUR(10),
      bookletSizes: [5, 10],
      plannedPasses: 68_750,
      audiences: ['demandeur_emploi', 'senior_60_plus', 'jeune_18_25_insertion'],
      calendar: {
        distributionStart: '2020-02-04',
        distributionEnd: '2021-12-31',
        usageEnd: '2021-12-31',
        closure: null,
      },
      reportingDeadlines: [],
      budget: {
        lines: [
          { kind: 'acquisition', label: 'Acquisition de 68 750 pass de 10 €', amountCents: EUR(687_500) },
          { kind: 'engineering', label: "Ingénierie d'accompagnement", amountCents: EUR(76_400) },
        ],
        cofunders: [
          { name: 'État (ANCT)', amountCents: EUR(488_900) },
          { name: 'Union européenne (FEDER)', amountCents: EUR(125_000) },
        ],
        phasing: [
          { year: 2020, amountCents: EUR(244_450) },
          { year: 2021, amountCents: EUR(427_780) },
          { year: 2022, amountCents: EUR(91_670) },
        ],
        engineeringCeilingBps: null,
      },
      status: 'active',
    },
  },
  amendments: [
    {
      effectiveOn: '2020-07-01',
      legal: {
        body: HDF_CP,
        number: '2020.01244',
        decidedOn: '2020-07-01',
        votesFor: null,
        votesAgainst: null,
        abstentions: null,
        text: "Modification du nombre de pass et du calendrier de l'opération ; adoption du règlement d'attribution.",
      },
      changes: {
        plannedPasses: 66_100,
        calendar: { distributionEnd: '2022-12-31', usageEnd: '2022-12-31' },
        // The rulebook adopted that day: 10 passes when a prescriber accompanies the request.
        passesPerBeneficiary: 10,
      },
    },
    {
      effectiveOn: '2022-02-01',
      legal: {
        body: HDF_CP,
        number: '2022.00258',
        decidedOn: '2022-02-01',
        votesFor: null,
        votesAgainst: null,
        abstentions: null,
        text: "Modification du règlement d'attribution : expérimentation auprès de lycéens, plafonnée à 4 000 pass.",
      },
      changes: {
        audiences: ['demandeur_emploi', 'senior_60_plus', 'jeune_18_25_insertion', 'lyceen_experimentation'],
      },
    },
    {
      effectiveOn: '2022-11-22',
      legal: {
        body: HDF_CP,
        number: '2022.01883',
        decidedOn: '2022-11-22',
        votesFor: 54,
        votesAgainst: 0,
        abstentions: 0,
        text: 'Prolongation du calendrier de déploiement au 31 décembre 2024 ; expérimentation lycéenne dans 25 lycées.',
      },
      // The programme ends with its calendar: closed once usage ends (its status shows « Clôturé » after).
      changes: { calendar: { distributionEnd: '2024-12-31', usageEnd: '2024-12-31', closure: '2024-12-31' } },
    },
    {
      // Same deliberation: the wider publics apply to requests filed from 2023-01-01.
      effectiveOn: '2023-01-01',
      legal: {
        body: HDF_CP,
        number: '2022.01883',
        decidedOn: '2022-11-22',
        votesFor: 54,
        votesAgainst: 0,
        abstentions: 0,
        text: 'Élargissement du public visé pour les demandes déposées à compter du 1er janvier 2023.',
      },
      changes: {
        audiences: [
          'demandeur_emploi',
          'senior_60_plus',
          'jeune_18_30_formation_professionnelle',
          'lyceen_experimentation',
          'etudiant_sanitaire_social',
          'benevole_associatif',
        ],
      },
    },
  ],
  envelopes: [
    {
      name: 'Picardie',
      cap: 28_000,
      effectiveOn: '2020-07-01',
      territory: [
        { level: 'departement', code: '02' },
        { level: 'departement', code: '60' },
        { level: 'departement', code: '80' },
      ],
    },
    { name: 'Expérimentation lycées', cap: 4_000, effectiveOn: '2022-02-01', territory: [] },
  ],
};

export const pasDeCalais: DemoProgram = {
  creation: {
    // In force from its vote: a deliberation cannot take effect before it is decided. The
    // convention it approves still covers 2021 from 1 January (the calendar says so).
    effectiveOn: '2021-02-08',
    legal: {
      body: 'Commission permanente du conseil départemental du Pas-de-Calais',
      number: '2021-10',
      decidedOn: '2021-02-08',
      votesFor: null,
      votesAgainst: null,
      abstentions: null,
      text: "Convention de subventionnement avec l'ANCT (signée le 11 mars 2021) : 31 mois, du 1er janvier 2021 au 30 juillet 2023.",
    },
    state: {
      name: 'Pass numériques Pas-de-Calais',
      faceValueCents: EUR(10),
      bookletSizes: [10],
      plannedPasses: 50_000,
      audiences: ['beneficiaire_rsa', 'collegien', 'jeune_ase', 'personne_agee', 'personne_handicapee'],
      calendar: {
        distributionStart: '2021-01-01',
        distributionEnd: '2023-07-30',
        usageEnd: '2023-07-30',
        closure: '2023-07-30',
      },
      reportingDeadlines: [
        { label: "Rapport d'étape n° 1", dueOn: '2022-01-31' },
        { label: "Rapport d'étape n° 2", dueOn: '2023-07-31' },
        { label: 'Bilan final quantitatif et qualitatif', dueOn: '2024-01-30' },
      ],
      budget: {
        lines: [
          { kind: 'acquisition', label: 'Acquisition de 50 000 pass de 10 €', amountCents: EUR(500_000) },
          { kind: 'engineering', label: "Ingénierie d'accompagnement", amountCents: EUR(50_000) },
        ],
        // The State pays half the value of the passes used, within its half of the budget.
        cofunders: [{ name: 'État (ANCT)', shareBps: 5_000, usedShareBps: 5_000 }],
        phasing: [],
        engineeringCeilingBps: 1_000,
      },
      status: 'active',
    },
  },
  amendments: [
    {
      effectiveOn: '2023-05-15',
      legal: {
        body: 'Commission permanente du conseil départemental du Pas-de-Calais',
        number: '2023-204',
        decidedOn: '2023-05-15',
        votesFor: 43,
        votesAgainst: 0,
        abstentions: 0,
        text: 'Avenant à la convention ANCT : prolongation de 5 mois, fin au 31 décembre 2023 (36 mois en tout).',
      },
      changes: {
        calendar: { distributionEnd: '2023-12-31', usageEnd: '2023-12-31', closure: '2023-12-31' },
        reportingDeadlines: [
          { label: "Rapport d'étape n° 1", dueOn: '2022-01-31' },
          { label: "Rapport d'étape n° 2", dueOn: '2023-07-31' },
          { label: 'Bilan final quantitatif et qualitatif', dueOn: '2024-07-01' },
        ],
      },
    },
  ],
  envelopes: [],
};

export const paysDeVerdun: DemoProgram = {
  creation: {
    effectiveOn: '2021-09-01',
    legal: {
      body: 'Conseil syndical du PETR du Pays de Verdun',
      number: 'DE2020017',
      decidedOn: '2020-12-16',
      votesFor: null,
      votesAgainst: null,
      abstentions: null,
      text: 'Mise en place du dispositif Pass Numérique sur le Pays de Verdun ; enveloppe gérée par un opérateur sous mandat.',
    },
    state: {
      name: 'Pass Numérique Pays de Verdun',
      faceValueCents: EUR(10),
      bookletSizes: [10],
      plannedPasses: 1_800,
      audiences: ['fragilite_numerique'],
      calendar: {
        distributionStart: '2021-09-01',
        distributionEnd: '2022-12-31',
        usageEnd: '2022-12-31',
        closure: '2023-03-31',
      },
      reportingDeadlines: [],
      budget: {
        lines: [
          { kind: 'acquisition', label: 'Acquisition de 1 800 pass de 10 €', amountCents: EUR(18_000) },
        ],
        cofunders: [],
        phasing: [],
        engineeringCeilingBps: null,
      },
      status: 'active',
    },
  },
  amendments: [
    {
      effectiveOn: '2022-12-13',
      legal: {
        body: 'Conseil syndical du PETR du Pays de Verdun',
        number: 'DE_2022_12_003',
        decidedOn: '2022-12-13',
        votesFor: 14,
        votesAgainst: 0,
        abstentions: 0,
        text: "Prolongation d'un an : périodes de formation 3 (janv.–juin 2023) et 4 (juil.–déc. 2023), fin des formations au 31 décembre 2023, clôture au 31 mars 2024.",
      },
      changes: { calendar: { distributionEnd: '2023-12-31', usageEnd: '2023-12-31', closure: '2024-03-31' } },
    },
  ],
  envelopes: [],
};

/**
 * Not from the seeds: a programme running today, so that the demo can show passes
 * being handed out and redeemed. Its numbers are illustrative, at the scale of a
 * Department-sized campaign of the Region.
 */
export const hautsDeFranceDemoCampaign: DemoProgram = {
  creation: {
    effectiveOn: '2026-01-15',
    legal: {
      body: HDF_CP,
      number: 'DEMO-2026.001',
      decidedOn: '2026-01-15',
      votesFor: null,
      votesAgainst: null,
      abstentions: null,
      text: 'Campagne de démonstration : pass numériques pour les publics éloignés du numérique, 2026-2027.',
    },
    state: {
      name: 'Pass numériques Hauts-de-France — campagne 2026 (démonstration)',
      faceValueCents: EUR(10),
      bookletSizes: [5, 10],
      plannedPasses: 5_000,
      // Written out in full (a bare standard code such as 'senior_60_plus' would mean the same).
      audiences: [
        { code: 'demandeur_emploi', label: 'Demandeurs d’emploi', minAge: null, maxAge: null },
        { code: 'senior_60_plus', label: 'Personnes de 60 ans et plus', minAge: 60, maxAge: null },
        {
          code: 'jeune_18_25_insertion',
          label: 'Jeunes de 18 à 25 ans en parcours d’insertion',
          minAge: 18,
          maxAge: 25,
        },
      ],
      // As in the Region's rulebook: 10 passes for a request accompanied by a prescriber.
      passesPerBeneficiary: 10,
      calendar: {
        distributionStart: '2026-01-15',
        distributionEnd: '2027-06-30',
        usageEnd: '2027-12-31',
        closure: null,
      },
      reportingDeadlines: [],
      budget: {
        lines: [
          { kind: 'acquisition', label: 'Acquisition de 5 000 pass de 10 €', amountCents: EUR(50_000) },
        ],
        // The State pays half the value of the passes used, within its half of the budget.
        cofunders: [{ name: 'État (ANCT)', shareBps: 5_000, usedShareBps: 5_000 }],
        phasing: [],
        engineeringCeilingBps: null,
      },
      status: 'active',
    },
  },
  amendments: [],
  envelopes: [
    {
      name: 'Somme',
      cap: 2_000,
      effectiveOn: '2026-01-15',
      territory: [{ level: 'departement', code: '80' }],
    },
  ],
};
