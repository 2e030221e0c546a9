import { businessDate } from '../core/dates.js';
import type { Db } from '../db/client.js';
import * as safeguards from '../modules/auth/safeguards.js';
import * as auth from '../modules/auth/service.js';
import * as funders from '../modules/funders/service.js';
import * as payments from '../modules/payments/service.js';
import * as qualification from '../modules/qualification/service.js';
import { DEMO_PASSWORD } from './seed.js';

/** Where the demo's admins confirm their password from when recording an account: the machine itself. */
const DEMO_ADDRESS = '127.0.0.1';

/**
 * The demo's payments (issue 12, points 3 to 5), on the statements the demo issued: the
 * Region's and the Médiathèque's bank accounts; the Médiathèque's statements paid (a run
 * prepared, approved, sent as a SEPA file, reconciled with the bank's CSV statement), its
 * latest one being contested; then Karim Haddad, the Centre social's admin, gives its
 * account, and the Centre social's statements wait in a run approved and awaiting its file.
 * The Region has one admin, so four eyes do not hold it.
 */
export async function loadDemoPayments(
  db: Db,
  ids: { hdf: string; mediatheque: string; centreSocial: string },
) {
  const admin = (await auth.actorByEmail(db, 'financeur@hautsdefrance.test'))!;
  const placeAdmin = (await auth.actorByEmail(db, 'lieu@hautsdefrance.test'))!;
  await funders.updateSettings(
    db,
    admin,
    ids.hdf,
    {
      bankAccount: { iban: 'FR7610071590000000100123486', bic: 'TRPUFRP1', holder: 'Région Hauts-de-France' },
    },
    safeguards.toFunderAdmins(ids.hdf, admin),
  );
  await qualification.setBankAccount(
    db,
    placeAdmin,
    ids.mediatheque,
    {
      iban: 'FR7610107001011234567890129',
      bic: 'BREDFRPP',
      holder: 'Médiathèque Louis Aragon',
      currentPassword: DEMO_PASSWORD,
    },
    DEMO_ADDRESS,
  );
  const paid = await payRun(db, admin, ids.hdf);
  if (paid) {
    await payments.sepaFile(db, admin, ids.hdf, paid.id);
    const csv = [
      'date;montant;référence de bout en bout;libellé',
      ...paid.transfers.map(
        (t) =>
          `${businessDate()};-${(t.amountCents / 100).toFixed(2).replace('.', ',')};${t.endToEndId};${t.placeName}`,
      ),
    ].join('\n');
    await payments.importBankStatement(db, admin, ids.hdf, {
      format: 'csv',
      fileName: 'releve-banque-demo.csv',
      content: Buffer.from(csv),
    });
  }
  const centreAdmin = (await auth.actorByEmail(db, 'mediateur@hautsdefrance.test'))!;
  await qualification.setBankAccount(
    db,
    centreAdmin,
    ids.centreSocial,
    {
      iban: 'FR7630004000031234567890143',
      bic: 'BNPAFRPP',
      holder: 'Centre social Arras Ouest',
      currentPassword: DEMO_PASSWORD,
    },
    DEMO_ADDRESS,
  );
  await payRun(db, admin, ids.hdf);
}

/** A run of every statement payable now, approved by the Region's single admin; null if none. */
async function payRun(
  db: Db,
  admin: NonNullable<Awaited<ReturnType<typeof auth.actorByEmail>>>,
  funderId: string,
) {
  const overview = await payments.overview(db, admin, funderId);
  if (overview.payable.statements === 0) return null;
  const run = await payments.prepareRun(db, admin, funderId, {});
  return payments.approveRun(db, admin, funderId, run.id);
}
