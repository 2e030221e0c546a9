import { businessDate } from '../core/dates.js';
import { previousMonth } from '../core/statement.js';
import type { Db } from '../db/client.js';
import * as auth from '../modules/auth/service.js';
import * as funders from '../modules/funders/service.js';
import * as payments from '../modules/payments/service.js';
import * as qualification from '../modules/qualification/service.js';
import * as statements from '../modules/statements/service.js';

/**
 * The demo's payments (issue 12, points 3 to 5): the Region's bank account and the
 * Médiathèque's; the statements of two months ago paid (a run prepared, approved, sent as a
 * SEPA file, reconciled with the bank's CSV statement); last month's in a run approved and
 * awaiting its file. The Centre social gave no bank account: its statements wait, and the
 * payments page says so. The Region has one admin, so four eyes do not hold it.
 */
export async function loadDemoPayments(db: Db, ids: { hdf: string; mediatheque: string }) {
  const admin = (await auth.actorByEmail(db, 'financeur@hautsdefrance.test'))!;
  const placeAdmin = (await auth.actorByEmail(db, 'lieu@hautsdefrance.test'))!;
  await funders.updateSettings(db, admin, ids.hdf, {
    bankAccount: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', holder: 'Région Hauts-de-France' },
  });
  await qualification.setBankAccount(db, placeAdmin, ids.mediatheque, {
    iban: 'FR7610107001011234567890129',
    bic: 'BREDFRPP',
    holder: 'Médiathèque Louis Aragon',
  });
  const lastMonth = previousMonth(businessDate());
  const monthBefore = previousMonth(`${lastMonth}-01`);

  await statements.run(db, { month: monthBefore, funderId: ids.hdf });
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
  await statements.run(db, { month: lastMonth, funderId: ids.hdf });
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
