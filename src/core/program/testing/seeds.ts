import { normaliseAudiences } from '../audiences.js';
import type { Amendment, Envelope, ProgramState } from '../types.js';

/*
 * The real histories of the seed deliberations (docs/domain.md), as tests and demo
 * data use them. Amounts in cents: 763 900 € is 76_390_000.
 */

const HDF_BODY = 'Commission permanente du conseil régional Hauts-de-France';

export const hautsDeFranceCreation: ProgramState = {
  name: 'Pass numérique Hauts-de-France',
  faceValueCents: 1000,
  bookletSizes: [5, 10],
  plannedPasses: 68_750,
  audiences: normaliseAudiences([
    "Demandeurs d'emploi",
    'Personnes de 60 ans et plus',
    "Jeunes de 18 à 25 ans en parcours d'insertion",
  ]),
  passesPerBeneficiary: null,
  lateSessionDays: 31,
  calendar: {
    distributionStart: '2020-02-04',
    distributionEnd: '2021-12-31',
    usageEnd: '2021-12-31',
    closure: null,
  },
  reportingDeadlines: [],
  budget: {
    lines: [
      { kind: 'acquisition', label: 'Acquisition de 68 750 pass numériques', amountCents: 68_750_000 },
      { kind: 'engineering', label: "Ingénierie d'accompagnement", amountCents: 7_640_000 },
    ],
    cofunders: [
      { name: 'État (ANCT)', amountCents: 48_890_000 },
      { name: 'Union européenne (FEDER)', amountCents: 12_500_000 },
    ],
    phasing: [
      { year: 2020, amountCents: 24_445_000 },
      { year: 2021, amountCents: 42_778_000 },
      { year: 2022, amountCents: 9_167_000 },
    ],
    engineeringCeilingBps: null,
  },
  status: 'active',
};

export const hautsDeFranceHistory: Amendment[] = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'creation',
    effectiveOn: '2020-02-04',
    legal: {
      body: HDF_BODY,
      number: '2020.00263',
      decidedOn: '2020-02-04',
      votesFor: 52,
      votesAgainst: 0,
      abstentions: 0,
      text: 'Acquisition de pass numériques et déploiement en Hauts-de-France',
    },
    changes: hautsDeFranceCreation,
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    kind: 'amendment',
    effectiveOn: '2020-07-01',
    legal: {
      body: HDF_BODY,
      number: '2020.01244',
      decidedOn: '2020-07-01',
      votesFor: null,
      votesAgainst: null,
      abstentions: null,
      text: 'Modification du nombre de pass et du calendrier de l’opération',
    },
    changes: { plannedPasses: 66_100, calendar: { distributionEnd: '2022-12-31', usageEnd: '2022-12-31' } },
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    kind: 'amendment',
    effectiveOn: '2022-11-22',
    legal: {
      body: HDF_BODY,
      number: '2022.01883',
      decidedOn: '2022-11-22',
      votesFor: 54,
      votesAgainst: 0,
      abstentions: 0,
      text: 'Prolongation du calendrier de déploiement des pass numériques',
    },
    changes: { calendar: { distributionEnd: '2024-12-31', usageEnd: '2024-12-31' } },
  },
];

export const picardieEnvelope: Envelope = {
  id: '00000000-0000-4000-8000-0000000000e1',
  name: 'Picardie',
  cap: 28_000,
  effectiveOn: '2020-07-01',
  territory: ['02', '60', '80'].map((code) => ({ level: 'departement' as const, code })),
};

/** Seed 003: 550 000 €, half from the State, engineering at most 10 % of the project. */
export const pasDeCalaisCreation: ProgramState = {
  name: 'Pass numériques Pas-de-Calais',
  faceValueCents: 1000,
  bookletSizes: [10],
  plannedPasses: 50_000,
  audiences: normaliseAudiences([
    'Allocataires du RSA',
    'Collégiens',
    "Jeunes de l'aide sociale à l'enfance",
    'Personnes âgées',
    'Personnes en situation de handicap',
  ]),
  passesPerBeneficiary: null,
  lateSessionDays: 31,
  calendar: {
    distributionStart: '2021-01-01',
    distributionEnd: '2023-07-30',
    usageEnd: '2023-07-30',
    closure: null,
  },
  reportingDeadlines: [
    { label: "Rapport d'étape n° 1", dueOn: '2022-01-31' },
    { label: "Rapport d'étape n° 2", dueOn: '2023-07-31' },
    { label: 'Bilan final quantitatif et qualitatif', dueOn: '2024-07-01' },
  ],
  budget: {
    lines: [
      { kind: 'acquisition', label: 'Acquisition de 50 000 pass', amountCents: 50_000_000 },
      { kind: 'engineering', label: 'Ingénierie de déploiement', amountCents: 5_000_000 },
    ],
    cofunders: [{ name: 'État (ANCT)', shareBps: 5000 }],
    phasing: [],
    engineeringCeilingBps: 1000,
  },
  status: 'active',
};
