import fs from 'node:fs';
import { count } from 'drizzle-orm';
import type { Role } from '../core/permissions.js';
import type { PrescriberKind } from '../core/prescriber-kinds.js';
import type { Db } from '../db/client.js';
import { funders as fundersTable } from '../db/schema/index.js';
import * as auth from '../modules/auth/service.js';
import * as funders from '../modules/funders/service.js';
import * as prescribers from '../modules/prescribers/service.js';
import * as programs from '../modules/programs/service.js';
import { loadCirculation } from './circulation.js';
import { loadDemoMessages } from './messages.js';
import { loadDemoPayments } from './payments.js';
import { loadDemoPlaces, DEMO_PLACE_SIRETS as S } from './places.js';
import {
  type DemoProgram,
  hautsDeFrance,
  hautsDeFranceDemoCampaign,
  pasDeCalais,
  paysDeVerdun,
} from './programs.js';
import { loadDemoStatements } from './statements.js';

/** Shared by every demo account; it exists only in demo data, never in a real instance. */
export const DEMO_PASSWORD = 'demo-pass-numerique';

export interface DemoAccount {
  email: string;
  role: Role;
  who: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@pass-numerique.test', role: 'platform_admin', who: 'Administrateur de la plateforme' },
  {
    email: 'financeur@hautsdefrance.test',
    role: 'funder_admin',
    who: 'Région Hauts-de-France, administrateur',
  },
  {
    email: 'lecteur@hautsdefrance.test',
    role: 'funder_viewer',
    who: 'Région Hauts-de-France, lecture seule',
  },
  {
    email: 'prescripteur@hautsdefrance.test',
    role: 'prescriber_agent',
    who: 'Mission locale du Grand Amiénois',
  },
  {
    email: 'lieu@hautsdefrance.test',
    role: 'place_admin',
    who: 'Médiathèque Louis Aragon, Amiens, administrateur (clés d’API)',
  },
  {
    email: 'benevole@hautsdefrance.test',
    role: 'place_agent',
    who: 'Médiathèque Louis Aragon, Amiens, bénévole',
  },
  {
    email: 'mediateur@hautsdefrance.test',
    role: 'place_agent',
    who: 'Médiathèque Louis Aragon et Centre social Arras Ouest : un médiateur, deux lieux',
  },
  { email: 'beneficiaire@hautsdefrance.test', role: 'beneficiary', who: 'Bénéficiaire' },
  {
    email: 'financeur@pasdecalais.test',
    role: 'funder_admin',
    who: 'Département du Pas-de-Calais, administrateur',
  },
  {
    email: 'financeur@paysdeverdun.test',
    role: 'funder_admin',
    who: 'PETR du Pays de Verdun, administrateur',
  },
  {
    email: 'operateur@mandataire.test',
    role: 'funder_admin',
    who: 'Pas-de-Calais et Pays de Verdun : un opérateur sous mandat, deux financeurs',
  },
];

/** The sample list of prescribers, beside this file: demonstration data only. */
export const VERDUN_PRESCRIBERS_FILE = 'pays-de-verdun-prescripteurs-demo.csv';

export async function hasData(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(fundersTable);
  return (row?.n ?? 0) > 0;
}

async function addProgram(db: Db, funderId: string, demo: DemoProgram) {
  const { program } = await programs.create(db, null, funderId, demo.creation);
  // Recorded in the order the deliberations were taken, envelopes when they were created.
  for (const a of demo.amendments) await programs.amend(db, null, program.id, a);
  const envelopes = [];
  for (const e of demo.envelopes) envelopes.push(await programs.addEnvelope(db, null, program.id, e));
  return { ...program, envelopes };
}

async function addAccount(
  db: Db,
  funderId: string,
  email: string,
  role: Exclude<Role, 'platform_admin'>,
  displayName: string,
  organisationId?: string,
) {
  const { token } = await db.transaction((tx) =>
    auth.invite(tx, null, { funderId, email, role, organisationId }),
  );
  // A second role of the same person is taken up by that account, as the web app does once signed in.
  const existing = await auth.actorByEmail(db, email);
  if (existing) await auth.joinInvitation(db, existing, token);
  else await auth.acceptInvitation(db, token, { displayName, password: DEMO_PASSWORD }, { ttlHours: 1 });
}

/**
 * Loads the demo: the seed documents' three funders and programmes, organisations, one
 * account per role, and a current campaign in motion. Returns the demo place's API key.
 */
export async function loadDemo(db: Db): Promise<string> {
  await auth.createPlatformAdmin(db, {
    email: DEMO_ACCOUNTS[0]!.email,
    displayName: 'Admin plateforme',
    password: DEMO_PASSWORD,
  });

  const hdf = await db.transaction((tx) =>
    funders.insert(tx, null, {
      name: 'Région Hauts-de-France',
      kind: 'region',
      siret: '20005374200017',
      territory: [{ level: 'region', code: '32' }],
    }),
  );
  const pdc = await db.transaction((tx) =>
    funders.insert(tx, null, {
      name: 'Département du Pas-de-Calais',
      kind: 'departement',
      siret: '22620001200012',
      territory: [{ level: 'departement', code: '62' }],
    }),
  );
  const verdun = await db.transaction((tx) =>
    funders.insert(tx, null, {
      name: 'PETR du Pays de Verdun',
      kind: 'syndicat_mixte',
      siret: '25550009000014',
      territory: ['200049187', '200066116', '200066165', '245501242', '200066173'].map((code) => ({
        level: 'epci' as const,
        code,
      })),
    }),
  );

  await addProgram(db, hdf.id, hautsDeFrance);
  const campaign = await addProgram(db, hdf.id, hautsDeFranceDemoCampaign);
  const pdcProgram = await addProgram(db, pdc.id, pasDeCalais);
  const verdunProgram = await addProgram(db, verdun.id, paysDeVerdun);

  const org = (
    funderId: string,
    kind: 'prescriber' | 'place',
    name: string,
    communeCode: string,
    prescriberKind?: PrescriberKind,
    siret?: string,
  ) =>
    db.transaction((tx) =>
      funders.insertOrganisation(tx, null, {
        funderId,
        kind,
        name,
        communeCode,
        ...(prescriberKind ? { prescriberKind } : {}),
        ...(siret ? { siret } : {}),
      }),
    );
  const missionLocale = await org(
    hdf.id,
    'prescriber',
    'Mission locale du Grand Amiénois',
    '80021',
    'mission_locale',
  );
  const franceTravail = await org(
    hdf.id,
    'prescriber',
    'France Travail Lille Centre',
    '59350',
    'france_travail',
  );
  await org(hdf.id, 'prescriber', 'Antenne régionale de Laon', '02408', 'autre');
  const mediatheque = await org(
    hdf.id,
    'place',
    'Médiathèque Louis Aragon',
    '80021',
    undefined,
    S.mediatheque,
  );
  const centreSocial = await org(
    hdf.id,
    'place',
    'Centre social Arras Ouest',
    '62041',
    undefined,
    S.centreSocial,
  );
  await org(hdf.id, 'place', 'Fab-lab de Beauvais', '60057', undefined, S.fablab);
  await org(pdc.id, 'prescriber', 'Maison du Département Solidarité de Lens', '62498', 'autre');
  await org(pdc.id, 'place', 'Espace numérique de Boulogne-sur-Mer', '62160', undefined, S.boulogne);
  await org(verdun.id, 'prescriber', 'France Services de Verdun', '55545', 'autre');
  await org(verdun.id, 'place', "Médiathèque d'Étain", '55181', undefined, S.etain);

  await addAccount(db, hdf.id, 'financeur@hautsdefrance.test', 'funder_admin', 'Camille Martin');
  await addAccount(db, hdf.id, 'lecteur@hautsdefrance.test', 'funder_viewer', 'Dominique Leroy');
  await addAccount(
    db,
    hdf.id,
    'prescripteur@hautsdefrance.test',
    'prescriber_agent',
    'Sarah Benali',
    missionLocale.id,
  );
  await addAccount(db, hdf.id, 'lieu@hautsdefrance.test', 'place_admin', 'Thomas Petit', mediatheque.id);
  await addAccount(db, hdf.id, 'benevole@hautsdefrance.test', 'place_agent', 'Lucie Moreau', mediatheque.id);
  // One person, two places: the place console lets them choose which one they redeem for. Karim
  // Haddad mediates at the Médiathèque and runs the Centre social (its admin).
  await addAccount(db, hdf.id, 'mediateur@hautsdefrance.test', 'place_agent', 'Karim Haddad', mediatheque.id);
  await addAccount(
    db,
    hdf.id,
    'mediateur@hautsdefrance.test',
    'place_admin',
    'Karim Haddad',
    centreSocial.id,
  );
  await addAccount(db, hdf.id, 'beneficiaire@hautsdefrance.test', 'beneficiary', 'Jeannine Dupont');
  await addAccount(db, pdc.id, 'financeur@pasdecalais.test', 'funder_admin', 'Julie Lefebvre');
  await addAccount(db, verdun.id, 'financeur@paysdeverdun.test', 'funder_admin', 'Marc Henry');
  // An operator running two funders' schemes under mandate (as the Pays de Verdun's was).
  await addAccount(db, pdc.id, 'operateur@mandataire.test', 'funder_admin', 'Nadia Roussel');
  await addAccount(db, verdun.id, 'operateur@mandataire.test', 'funder_admin', 'Nadia Roussel');

  // The Pays de Verdun's 25 prescribers (invented names, marked « (démo) »), imported from
  // the sample file a funder admin would send (issue 11, point 2).
  await prescribers.importFile(db, null, verdun.id, {
    fileName: VERDUN_PRESCRIBERS_FILE,
    content: fs.readFileSync(new URL(VERDUN_PRESCRIBERS_FILE, import.meta.url)),
    dryRun: false,
  });
  const key = await loadCirculation(db, {
    programId: campaign.id,
    envelopeId: campaign.envelopes[0]!.id,
    missionLocaleId: missionLocale.id,
    franceTravailId: franceTravail.id,
    mediathequeId: mediatheque.id,
    centreSocialId: centreSocial.id,
  });
  // Past months' statements of the campaign, one contested (issue 12).
  await loadDemoStatements(db, hdf.id, mediatheque.id);
  // The directory's places: profiles, rosters (one place shared by two funders), qualifications.
  await loadDemoPlaces(db, {
    hdf: hdf.id,
    pdc: pdc.id,
    verdun: verdun.id,
    campaignId: campaign.id,
    pdcProgramId: pdcProgram.id,
    verdunProgramId: verdunProgram.id,
    alreadyApproved: [mediatheque.id, centreSocial.id],
  });
  await loadDemoPayments(db, { hdf: hdf.id, mediatheque: mediatheque.id, centreSocial: centreSocial.id });
  // The outbox: the invitations above and a statement (sent only with SMTP_URL).
  await loadDemoMessages(db, {
    hdf: hdf.id,
    mediatheque: mediatheque.id,
    campaignName: hautsDeFranceDemoCampaign.creation.state.name,
  });
  return key;
}
