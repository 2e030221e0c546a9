import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { newAccount } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, placeKey } from '../../test/circulation.js';
import {
  camt053,
  importedBankFile,
  monthStatement,
  paymentsScene,
  sentRun,
  statedRedemptions,
} from '../../test/payments.js';

/**
 * A place's volunteer treasurer ticks off its bank statement line by line. The statement-paid
 * e-mail sent them to the statements page, where no transfer was listed: not the day it left,
 * nor its reference, nor the remittance text the bank shows, nor which statements it paid.
 * `GET /places/{placeId}/transfers` (and its CSV) lists them as the SEPA file carried them.
 */
let t: TestApp;
let c: Circulation;
let second: Client;
let placeAdmin: Client;
let mediatheque: string;
let xml: string;
/** the end-to-end id of the transfer this test's run sends the place (the demo paid it before) */
let ours: string;
const today = businessDate();
const month = today.slice(0, 7);

type Listed = {
  id: string;
  funderName: string;
  programName: string;
  sentOn: string;
  executionDate: string | null;
  status: string;
  amountCents: number;
  paidOn: string | null;
  endToEndId: string;
  remittance: string;
  payerName: string;
  ibanEnd: string;
  statements: { id: string; number: string }[];
};

const url = (placeId: string, from = today, to = today, csv = false) =>
  `/api/v1/places/${placeId}/transfers${csv ? '.csv' : ''}?from=${from}&to=${to}`;

const listed = async (client: Client = placeAdmin, from = today, to = today) => {
  const res = await client.request('GET', url(mediatheque, from, to));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().transfers as Listed[];
};
const ourTransfer = async (client: Client = placeAdmin) =>
  (await listed(client)).find((x) => x.endToEndId === ours);

/** The first text of an element of the SEPA file, unescaped. */
const inFile = (tag: string, after = '') => {
  const from = after ? xml.indexOf(after) : 0;
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml.slice(from));
  return match![1]!.replaceAll('&apos;', "'").replaceAll('&amp;', '&');
};

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ c, mediatheque, second, placeAdmin } = await paymentsScene(
    t,
    'tresorerie-virements@hautsdefrance.test',
  ));
  await statedRedemptions(t, c, placeAdmin, mediatheque, 2);
  const sent = await sentRun(c, second);
  xml = sent.xml;
  ours = sent.run.transfers.find((x: { placeId: string }) => x.placeId === mediatheque).endToEndId;
});
afterAll(() => t?.close());

describe('the transfers a place received', () => {
  it('lists a transfer sent to the bank with the reference and remittance text its SEPA file carried', async () => {
    const statement = await monthStatement(t, c.programId, mediatheque, month);
    const transfer = await ourTransfer();
    expect(transfer).toMatchObject({
      funderName: 'Région Hauts-de-France',
      sentOn: today,
      status: 'sent',
      amountCents: statement.total,
      paidOn: null,
      // The place's account FR76 1010 7001 0112 3456 7890 129: its last four characters only.
      ibanEnd: '0129',
      statements: [{ id: statement.id, number: statement.number }],
    });
    expect(transfer!.executionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Word for word what the bank was given, so what the place's bank statement shows.
    const block = `<EndToEndId>${transfer!.endToEndId}</EndToEndId>`;
    expect(xml).toContain(block);
    expect(transfer!.remittance).toBe(inFile('Ustrd', block));
    expect(transfer!.remittance).toContain(statement.number);
    expect(transfer!.payerName).toBe(inFile('Nm', '<Dbtr>'));
    expect(JSON.stringify(transfer)).not.toContain('FR7610107001');
  });

  it('says the transfer paid once the funder’s bank showed it', async () => {
    const sent = await ourTransfer();
    const report = await importedBankFile(t, c, camt053(today, [[sent!.endToEndId, sent!.amountCents]]));
    expect(report.counts).toMatchObject({ matched: 1 });
    expect(await ourTransfer()).toMatchObject({ id: sent!.id, status: 'paid', paidOn: today });
  });

  it('keeps to the period asked, by the day the transfer was sent, the most recent first', async () => {
    const [sentAt] = (
      await t.database.pool.query<{ day: string }>(
        `SELECT to_char(r.sent_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day
           FROM payment_transfers t JOIN payment_runs r ON r.id = t.run_id WHERE t.end_to_end_id = $1`,
        [ours],
      )
    ).rows;
    expect(sentAt!.day).toBe(today);
    expect((await listed(placeAdmin, addDays(today, -400), today))[0]!.endToEndId).toBe(ours);
    const before = await listed(placeAdmin, addDays(today, -400), addDays(today, -1));
    expect(before.map((x) => x.endToEndId)).not.toContain(ours);
    expect(before.every((x) => x.sentOn < today)).toBe(true);
    const backwards = await placeAdmin.request('GET', url(mediatheque, today, addDays(today, -1)));
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors).toEqual([
      expect.objectContaining({
        field: 'querystring.to',
        message: 'La fin de la période ne peut pas précéder son début.',
      }),
    ]);
  });

  it('is read by the place’s agents as its statements are', async () => {
    const agent = await signIn(t.app, 'benevole@hautsdefrance.test');
    expect(await ourTransfer(agent)).toMatchObject({ status: 'paid' });
  });

  it('gives the same list as a French CSV named after the place', async () => {
    const all = await listed();
    const transfer = all.find((x) => x.endToEndId === ours);
    const res = await placeAdmin.request('GET', url(mediatheque, today, today, true));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="virements-mediatheque-louis-aragon-${today}-${today}.csv"`,
    );
    const [head, ...lines] = res.body.replace(/^\uFEFF/, '').split('\r\n');
    // One line per transfer of the list, in its order, then the file's last line end.
    expect(lines).toHaveLength(all.length + 1);
    expect(lines.at(-1)).toBe('');
    const line = lines[all.indexOf(transfer!)];
    expect(head).toBe(
      'Lieu;Envoyé à la banque le;Exécution demandée le;Financeur;Dispositif;Montant (€);État;Référence de bout en bout;Libellé du virement;Donneur d’ordre;Compte crédité;Relevés payés',
    );
    // The place's name first: the files of an association's sites merge into one sheet.
    const [place, ...cells] = line!.split(';');
    expect(place).toBe('Médiathèque Louis Aragon');
    expect(cells[0]).toBe(today.split('-').reverse().join('/'));
    expect(cells[2]).toBe('Région Hauts-de-France');
    expect(cells[4]).toBe((transfer!.amountCents / 100).toFixed(2).replace('.', ','));
    expect(cells[5]).toBe(`Payé le ${today.split('-').reverse().join('/')}`);
    expect(cells.slice(6)).toEqual([
      transfer!.endToEndId,
      transfer!.remittance,
      transfer!.payerName,
      'se terminant par 0129',
      transfer!.statements.map((s) => s.number).join(', '),
    ]);
  });

  it('is not found by another place’s people, nor by the funder’s, and refused to a key', async () => {
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT id FROM organisations WHERE kind = 'place' AND id = ANY($1::uuid[]) AND id <> $2 LIMIT 1`,
      [Object.values(c.organisations), mediatheque],
    );
    const otherPlace = await newAccount(t, {
      funderId: c.funderId,
      email: 'admin-autre-lieu@hautsdefrance.test',
      role: 'place_admin',
      organisationId: rows[0]!.id,
    });
    const otherFunder = await signIn(t.app, 'financeur@pasdecalais.test');
    for (const client of [otherPlace, c.funder, otherFunder])
      for (const csv of [false, true]) {
        const res = await client.request('GET', url(mediatheque, today, today, csv));
        expect(res.statusCode, res.body).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
    // Its own list answers the other place: none of the Médiathèque's transfers.
    const own = await otherPlace.request('GET', url(rows[0]!.id));
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().transfers).toEqual([]);
    const key = await placeKey(t, mediatheque);
    const byKey = await t.app.inject({
      method: 'GET',
      url: url(mediatheque),
      headers: { authorization: `Bearer ${key}` },
    });
    expect(byKey.statusCode).toBe(403);
  });
});
