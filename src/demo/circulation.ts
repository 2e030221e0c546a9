import { businessDate } from '../core/dates.js';
import type { Actor } from '../core/permissions.js';
import { STANDARD_SERVICES } from '../core/session.js';
import type { Db } from '../db/client.js';
import * as auth from '../modules/auth/service.js';
import { handOut } from '../modules/beneficiaries/service.js';
import * as finance from '../modules/finance/service.js';
import * as passes from '../modules/passes/service.js';
import * as places from '../modules/places/service.js';
import * as redemptions from '../modules/redemptions/service.js';
import * as stock from '../modules/stock/service.js';
import { HAUTS_DE_FRANCE_PLACES } from './places.js';

/** The services each place of the campaign declares: its sessions are given under them. */
const servicesOf = (name: string) => {
  const declared = HAUTS_DE_FRANCE_PLACES.find((p) => p.name === name)!.services;
  return STANDARD_SERVICES.filter((s) => declared.includes(s));
};
const MEDIATHEQUE_THEMES = servicesOf('Médiathèque Louis Aragon');
const CENTRE_SOCIAL_THEMES = servicesOf('Centre social Arras Ouest');

export interface CirculationIds {
  programId: string;
  envelopeId: string;
  missionLocaleId: string;
  franceTravailId: string;
  mediathequeId: string;
  centreSocialId: string;
}

const PEOPLE: [string, string, string, string, string][] = [
  ['Jeannine', 'Dupont', '1951-03-14', '80021', 'senior_60_plus'],
  ['Karim', 'Haddad', '1987-09-02', '80021', 'demandeur_emploi'],
  ['Léa', 'Vasseur', '2004-06-21', '80001', 'jeune_18_25_insertion'],
  ['Gérard', 'Lemaire', '1948-11-30', '80016', 'senior_60_plus'],
  ['Sylvie', 'Caron', '1972-01-08', '80021', 'demandeur_emploi'],
  ['Mamadou', 'Diallo', '2003-02-17', '80021', 'jeune_18_25_insertion'],
  ['Monique', 'Delattre', '1955-07-25', '80620', 'senior_60_plus'],
  ['Nathalie', 'Boulanger', '1979-12-03', '80021', 'demandeur_emploi'],
  ['Kevin', 'Lefort', '2005-04-11', '80001', 'jeune_18_25_insertion'],
  ['Bernard', 'Poulain', '1950-08-19', '80021', 'senior_60_plus'],
  ['Fatima', 'Benali', '1983-05-29', '80021', 'demandeur_emploi'],
  ['Chantal', 'Mercier', '1957-10-06', '80016', 'senior_60_plus'],
];

function daysAfter(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The instant the demo records what happened on `day`: that morning in Paris, or now for a day
 * not yet past (a demo loaded early in the year replays only the days behind it).
 */
function recordedAt(day: string, today: string): Date {
  return day < today ? new Date(`${day}T09:00:00Z`) : new Date();
}

async function actor(db: Db, email: string): Promise<Actor> {
  const found = await auth.actorByEmail(db, email);
  if (!found) throw new Error(`demo account ${email} missing`);
  return found;
}

/**
 * The demo campaign in motion: booklets issued and partly funded, allocated to two
 * prescribers, handed out over the year, redeemed month after month at two places,
 * and an API key for the médiathèque's software. Returns that key (shown once).
 */
export async function loadCirculation(db: Db, ids: CirculationIds, today = businessDate()): Promise<string> {
  const funder = await actor(db, 'financeur@hautsdefrance.test');
  // The demo replays a year that has passed: its dates are in the past, which only a funder
  // admin may record, with a reason. The prescriber's hand-outs are vouched for by the admin.
  const reason = { backdateReason: 'Données de démonstration : une année de campagne rejouée' };
  const agent = await actor(db, 'prescripteur@hautsdefrance.test');
  const prescriber: Actor = { ...agent, memberships: [...agent.memberships, ...funder.memberships] };
  const past = (day: string) => (day === today ? {} : reason);
  const placeAgent = await actor(db, 'lieu@hautsdefrance.test');

  // Qualified by the demo itself (actor null): they predate the questionnaire and the charter.
  for (const placeId of [ids.mediathequeId, ids.centreSocialId]) {
    await places.acceptProgram(db, null, ids.programId, placeId, '2026-01-15');
  }
  await passes.issue(db, funder, ids.programId, {
    bookletCount: 40,
    bookletSize: 10,
    envelopeId: ids.envelopeId,
    issuedOn: '2026-01-20',
    ...past('2026-01-20'),
  });
  await passes.issue(db, funder, ids.programId, {
    bookletCount: 20,
    bookletSize: 5,
    issuedOn: '2026-01-20',
    ...past('2026-01-20'),
  });
  // Each recorded on the day it was received, as the finance officer would have: the passes it
  // backs are activated that day, before the sessions that use them (not when the demo is loaded).
  await finance.recordFunding(
    db,
    funder,
    ids.programId,
    { payer: 'Région Hauts-de-France', amountCents: 300_000, reference: 'Mandat 2026-0142' },
    recordedAt('2026-02-02', today),
  );
  await finance.recordFunding(
    db,
    funder,
    ids.programId,
    { payer: 'État (ANCT)', amountCents: 150_000, reference: 'Subvention ANCT 2026-HDF-07' },
    recordedAt('2026-04-15', today),
  );
  const toMissionLocale = await stock.allocate(db, funder, ids.programId, {
    prescriberId: ids.missionLocaleId,
    count: 20,
  });
  await stock.allocate(db, funder, ids.programId, { prescriberId: ids.franceTravailId, count: 8 });

  const caller = redemptions.callerFromSession(placeAgent, ids.mediathequeId);
  const centreSocial = {
    ...caller,
    placeId: ids.centreSocialId,
    userId: null,
    label: 'Centre social Arras Ouest',
  };
  // Hand-outs first, then the redemptions of everyone in the order of their days, so that the
  // places' lists (latest first, in the order recorded) read as a year of real use would.
  const sessions: { day: string; call: () => Promise<unknown> }[] = [];
  for (const [i, person] of PEOPLE.entries()) {
    const [firstName, lastName, birthDate, communeCode, audience] = person;
    const handedOutOn = daysAfter('2026-02-03', i * 24);
    if (handedOutOn >= today) break;
    const serial = toMissionLocale.serials[i]!;
    // Recorded at the desk on the day of the hand-out, the person with it.
    const handed = await handOut(
      db,
      prescriber,
      ids.missionLocaleId,
      { serial, beneficiary: { firstName, lastName, birthDate, communeCode, audience } },
      recordedAt(handedOutOn, today),
    );
    const codes = await passes.bookletCodes(db, serial);
    // People use most of their passes over the following weeks; the latest have barely started.
    const used = Math.max(1, codes.length - 2 - (i % 4));
    for (const [k, code] of codes.slice(0, used).entries()) {
      const day = daysAfter(handed.validFrom, 3 + k * 6);
      if (day >= today) break;
      // Under a theme its place declares, as the desk offers them.
      const themes = k % 3 === 2 ? CENTRE_SOCIAL_THEMES : MEDIATHEQUE_THEMES;
      sessions.push({
        day,
        call: () =>
          redemptions.redeem(
            db,
            k % 3 === 2 ? centreSocial : caller,
            {
              code,
              nonce: `demo-${serial}-${k}`,
              theme: themes[(i + k) % themes.length]!,
              durationMinutes: k % 2 === 0 ? 60 : 90,
              format: k % 4 === 3 ? 'collective' : 'individual',
            },
            24,
            new Date(`${day}T09:30:00Z`),
          ),
      });
    }
  }
  sessions.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const s of sessions) await s.call();
  const key = await places.createKey(
    db,
    null,
    ids.mediathequeId,
    'Logiciel de la médiathèque (démonstration)',
  );
  return key.key;
}
