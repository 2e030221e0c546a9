import { businessDate } from '../core/dates.js';
import { ALLOWED, phaseOf } from '../core/program/status.js';
import { STANDARD_SERVICES } from '../core/session.js';
import type { Db } from '../db/client.js';
import * as funders from '../modules/funders/service.js';
import * as places from '../modules/places/service.js';
import * as programs from '../modules/programs/service.js';
import { type DemoProfile, saveDemoProfile } from './place-profiles.js';

/*
 * The demo's places of digital mediation, with their public profiles for the directory:
 * invented names at plausible addresses of their communes, coordinates in those communes,
 * opening hours and services. Each profile says it is a demonstration. SIRETs are invented
 * but valid (core/siret.ts), so that a second funder adding the same SIRET shares the place.
 */

const [DEMARCHES, OUTILS, INSERTION, SECURITE, PARENTALITE, LOISIRS, MONDE, ACCES, MATERIEL] =
  STANDARD_SERVICES;

export const DEMO_PLACE_SIRETS = {
  mediatheque: '84512300100016',
  centreSocial: '84512300200014',
  fablab: '84512300300012',
  boulogne: '84526200100017',
  etain: '84525500100016',
} as const;

interface DemoPlace extends DemoProfile {
  name: string;
  communeCode: string;
  siret: string;
}

const DEMO_NOTE = 'Lieu de démonstration : nom, adresse, horaires et contacts fictifs.';

const place = (p: DemoPlace): DemoPlace => ({ summary: DEMO_NOTE, ...p });

/** The Région's places: qualified for its current campaign (but the Fab-lab), so its directory has a map. */
export const HAUTS_DE_FRANCE_PLACES: DemoPlace[] = [
  place({
    name: 'Médiathèque Louis Aragon',
    communeCode: '80021',
    siret: DEMO_PLACE_SIRETS.mediatheque,
    address: '50 rue de la République',
    postcode: '80000',
    latitude: 49.8918,
    longitude: 2.2983,
    openingHours: 'Tu-Sa 10:00-18:00',
    services: [DEMARCHES!, OUTILS!, LOISIRS!, ACCES!],
    phone: '03 22 00 00 01',
    emails: ['mediatheque.demo@exemple.fr'],
  }),
  place({
    name: 'Centre social Arras Ouest',
    communeCode: '62041',
    siret: DEMO_PLACE_SIRETS.centreSocial,
    address: '4 rue des Capucins',
    postcode: '62000',
    latitude: 50.2905,
    longitude: 2.7665,
    openingHours: 'Mo-Fr 09:00-12:00,13:30-17:30',
    services: [DEMARCHES!, INSERTION!, PARENTALITE!, SECURITE!],
    phone: '03 21 00 00 02',
  }),
  place({
    name: 'Fab-lab de Beauvais',
    communeCode: '60057',
    siret: DEMO_PLACE_SIRETS.fablab,
    address: '15 rue du Faubourg Saint-Jacques',
    postcode: '60000',
    latitude: 49.4295,
    longitude: 2.0845,
    openingHours: 'We-Sa 14:00-19:00',
    services: [LOISIRS!, MONDE!, MATERIEL!],
  }),
  place({
    name: 'Espace numérique de Lille-Moulins',
    communeCode: '59350',
    siret: '84512300400010',
    address: "25 rue d'Arras",
    postcode: '59000',
    latitude: 50.6205,
    longitude: 3.0712,
    openingHours: 'Mo-Fr 09:00-17:00',
    services: [DEMARCHES!, OUTILS!, ACCES!],
  }),
  place({
    name: 'Point numérique de Laon',
    communeCode: '02408',
    siret: '84512300500017',
    address: '8 rue Sérurier',
    postcode: '02000',
    latitude: 49.5643,
    longitude: 3.6199,
    openingHours: 'Mo,Tu,Th,Fr 09:00-12:00,14:00-17:00',
    services: [DEMARCHES!, SECURITE!],
  }),
  place({
    name: 'Tiers-lieu numérique de Saint-Quentin',
    communeCode: '02691',
    siret: '84512300600015',
    address: '3 rue de la Sellerie',
    postcode: '02100',
    latitude: 49.8472,
    longitude: 3.2868,
    openingHours: 'Tu-Sa 09:30-18:30',
    services: [OUTILS!, INSERTION!, LOISIRS!],
  }),
];

/** The Département's own place (the Centre social Arras Ouest is shared with the Région). */
export const PAS_DE_CALAIS_PLACES: DemoPlace[] = [
  place({
    name: 'Espace numérique de Boulogne-sur-Mer',
    communeCode: '62160',
    siret: DEMO_PLACE_SIRETS.boulogne,
    address: '12 rue Faidherbe',
    postcode: '62200',
    latitude: 50.7268,
    longitude: 1.6105,
    openingHours: 'Mo-Fr 09:00-12:00,14:00-18:00',
    services: [DEMARCHES!, OUTILS!],
  }),
];

/** The Pays de Verdun's nine places, in communes of its EPCIs. */
export const PAYS_DE_VERDUN_PLACES: DemoPlace[] = [
  place({
    name: "Médiathèque d'Étain",
    communeCode: '55181',
    siret: DEMO_PLACE_SIRETS.etain,
    address: '2 rue Raymond Poincaré',
    postcode: '55400',
    latitude: 49.2128,
    longitude: 5.6398,
    openingHours: 'Tu,Th 14:00-18:00; We,Sa 10:00-12:00,14:00-18:00',
    services: [OUTILS!, LOISIRS!],
  }),
  ...(
    [
      [
        'Espace numérique du Pays de Verdun',
        '55545',
        '10 rue Mazel',
        '55100',
        49.1597,
        5.3843,
        [DEMARCHES!, OUTILS!, SECURITE!],
      ],
      [
        'Point numérique de la Cité Verte',
        '55545',
        '4 allée des Tilleuls',
        '55100',
        49.1528,
        5.3676,
        [DEMARCHES!, INSERTION!],
      ],
      [
        'Tiers-lieu de Thierville',
        '55505',
        '7 rue du Général de Gaulle',
        '55840',
        49.1702,
        5.3552,
        [LOISIRS!, MONDE!],
      ],
      [
        'Maison des services de Belleville',
        '55043',
        '1 place de la Mairie',
        '55430',
        49.1781,
        5.3728,
        [DEMARCHES!, ACCES!],
      ],
      ['Médiathèque de Dieue', '55154', '3 rue de Verdun', '55320', 49.0721, 5.4262, [OUTILS!, PARENTALITE!]],
      [
        'Espace numérique de Charny',
        '55102',
        '5 rue de la Meuse',
        '55100',
        49.2003,
        5.3619,
        [OUTILS!, ACCES!],
      ],
      [
        'Point numérique de Damvillers',
        '55145',
        '2 place Pierre Dautun',
        '55150',
        49.3419,
        5.3992,
        [DEMARCHES!, SECURITE!],
      ],
      [
        'Foyer rural de Fresnes-en-Woëvre',
        '55198',
        '9 rue de Metz',
        '55160',
        49.1032,
        5.6228,
        [LOISIRS!, MATERIEL!],
      ],
    ] as const
  ).map(([name, communeCode, address, postcode, latitude, longitude, services], i) =>
    place({
      name,
      communeCode,
      siret: [
        '84525500200014',
        '84525500300012',
        '84525500400010',
        '84525500500017',
        '84525500600015',
        '84525500700013',
        '84525500800011',
        '84525500900019',
      ][i]!,
      address,
      postcode,
      latitude,
      longitude,
      openingHours: i % 2 === 0 ? 'Mo-Fr 09:00-12:00,14:00-17:00' : 'Tu-Sa 10:00-12:30,14:00-18:00',
      services: [...services],
    }),
  ),
];

/** Puts the places on the funder's roster (a known SIRET is the same place) with their profiles. */
async function rosterWithProfiles(db: Db, funderId: string, list: DemoPlace[]) {
  const ids: string[] = [];
  for (const p of list) {
    const row = await db.transaction((tx) =>
      funders.insertOrganisation(tx, null, {
        funderId,
        kind: 'place',
        name: p.name,
        siret: p.siret,
        communeCode: p.communeCode,
      }),
    );
    await saveDemoProfile(db, row.id, p);
    ids.push(row.id);
  }
  return ids;
}

async function passesUsableToday(db: Db, programId: string) {
  const today = businessDate();
  return ALLOWED[phaseOf(await programs.stateAsOf(db, programId, today), today)].includes('redeem');
}

export interface DemoPlaceIds {
  hdf: string;
  pdc: string;
  verdun: string;
  campaignId: string;
  pdcProgramId: string;
  verdunProgramId: string;
  /** Places the campaign in motion already approved (circulation.ts). */
  alreadyApproved: string[];
}

/** Profiles, rosters and qualifications of the demo's places (after the campaign's circulation). */
export async function loadDemoPlaces(db: Db, ids: DemoPlaceIds) {
  const approve = async (programId: string, placeIds: string[]) => {
    for (const placeId of placeIds)
      if (!ids.alreadyApproved.includes(placeId) || programId !== ids.campaignId)
        await places.decide(db, null, programId, placeId, { decision: 'approved' });
  };
  // The Fab-lab de Beauvais is a candidate: on the roster with its description, not qualified
  // yet, so the demo shows a place to qualify (and the tests one that takes none of its passes).
  const hdfPlaces = await rosterWithProfiles(db, ids.hdf, HAUTS_DE_FRANCE_PLACES);
  await approve(
    ids.campaignId,
    hdfPlaces.filter((_, i) => HAUTS_DE_FRANCE_PLACES[i]!.siret !== DEMO_PLACE_SIRETS.fablab),
  );
  // The Centre social Arras Ouest is the Département's too: same SIRET, one place, two rosters,
  // qualified by each funder for its own programme.
  const shared = HAUTS_DE_FRANCE_PLACES.filter((p) => p.siret === DEMO_PLACE_SIRETS.centreSocial);
  await approve(
    ids.pdcProgramId,
    await rosterWithProfiles(db, ids.pdc, [...shared, ...PAS_DE_CALAIS_PLACES]),
  );
  // The Pays de Verdun's programme is over: its places stay on its roster, unqualified.
  const verdunPlaces = await rosterWithProfiles(db, ids.verdun, PAYS_DE_VERDUN_PLACES);
  if (await passesUsableToday(db, ids.verdunProgramId)) await approve(ids.verdunProgramId, verdunPlaces);
}
