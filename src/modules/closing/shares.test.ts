import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate, frenchShortDate } from '../../core/dates.js';
import { formatEuros } from '../../core/money.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { pdfText } from '../../test/pdf.js';

// Issue 12, point 6: what each co-funder owes by the rule of its convention (the State pays
// 50 % of the value of the passes used), against what it paid, and the call for funds.
let t: TestApp;
let c: Circulation;
let agent: Client;
let codes: string[];
let mediatheque: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  agent = await signIn(t.app, 'lieu@hautsdefrance.test');
  ({ codes } = await handedOutBooklets(t, c, 1));
});
afterAll(() => t.close());

const session = { theme: STANDARD_SERVICES[1], durationMinutes: 60, format: 'individual' };
const sharesUrl = () => `/api/v1/programs/${c.programId}/cofunder-shares`;
const state = () => c.funder.request('GET', sharesUrl());

describe("co-funders' shares", () => {
  it('owes half the value of the passes used, less what it paid, as the page, the CSV and the PDF show', async () => {
    // The demo has redemptions and fundings already: three more passes used, 10 € more paid.
    const before = (await state()).json();
    const used = before.usedCents + 3_000;
    const received = before.shares[0].receivedCents + 1_000;
    for (const [i, code] of codes.slice(0, 3).entries()) {
      const r = await agent.request('POST', '/api/v1/redemptions', {
        placeId: mediatheque,
        code,
        nonce: `share-nonce-${i}`,
        ...session,
      });
      expect(r.statusCode).toBe(201);
    }
    const funded = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
      payer: 'État (ANCT)',
      amountCents: 1_000,
      receivedOn: businessDate(),
      reference: 'ANCT-ACOMPTE-1',
    });
    expect(funded.statusCode).toBe(201);

    const res = await state();
    expect(res.statusCode).toBe(200);
    expect(res.json().usedCents).toBe(used);
    expect(res.json().shares).toEqual([
      {
        name: 'État (ANCT)',
        basis: 'used',
        usedShareBps: 5_000,
        budgetCents: 2_500_000,
        usedCents: used,
        owedCents: used / 2,
        capped: false,
        receivedCents: received,
        balanceCents: used / 2 - received,
      },
    ]);
    const eur = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

    const csv = await c.funder.request('GET', `${sharesUrl()}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    // For French spreadsheets, like the project's other exports: byte-order mark (accents),
    // CRLF, headers in words, dates as 01/12/2026; paid ahead is said in its own column, as on
    // the page, not as a negative sum « à appeler » that a total would subtract.
    expect(csv.body.startsWith('\uFEFFDispositif;Cofinanceur;')).toBe(true);
    // Named after its programme: a funder's two programmes give two files told apart.
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="parts-cofinanceurs-[a-z0-9-]*campagne-2026[a-z0-9-]*-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(csv.body.endsWith('\r\n')).toBe(true);
    expect(csv.body.replaceAll('\r\n', '')).not.toContain('\n');
    const [head, line] = csv.body.slice(1).split('\r\n') as [string, string];
    expect(head).toBe(
      'Dispositif;Cofinanceur;Règle de la convention;Valeur des pass utilisés (€);Part du budget (€);' +
        'Dû au titre de sa part (€);Plafonné;Déjà versé (€);Solde à appeler (€);Versé au-delà de sa part (€);' +
        'Situation au;Versements reçus au',
    );
    expect(line).toMatch(/^[^;]*campagne 2026[^;]*;État \(ANCT\);50 % de la valeur des pass utilisés/);
    expect(line).toContain(
      `;${eur(used)};25000,00;${eur(used / 2)};non;${eur(received)};0,00;${eur(received - used / 2)};`,
    );
    expect(received - used / 2).toBeGreaterThan(0); // the demo's State paid ahead
    const today = frenchShortDate(businessDate());
    expect(today).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    expect(line.endsWith(`;${today};${today}`)).toBe(true);

    const pdf = await c.funder.request(
      'GET',
      `/api/v1/programs/${c.programId}/call-for-funds.pdf?cofunder=${encodeURIComponent('État (ANCT)')}`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // Named as it is titled: the demo's State paid ahead of its share (an overpayment notice).
    expect(pdf.headers['content-disposition']).toMatch(
      /filename="avis-de-trop-percu-etat-anct-\d{4}-\d{2}-\d{2}\.pdf"/,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // What the co-funder reads: to whom, the rule, its balance as the page computes it. The
    // demo's State paid ahead of its share, so nothing is called.
    const text = pdfText(pdf.rawPayload);
    const euros = (cents: number) => formatEuros(cents).replace(/\s/g, ' ');
    expect(text).toContain('À : État (ANCT)');
    expect(text).toContain('prend à sa charge 50 % de la valeur des pass utilisés');
    expect(received).toBeGreaterThan(used / 2);
    // Paid ahead: the document says what it is (a finance officer read « Appel de fonds » with
    // « Solde à appeler −137 500,00 € »), and names the funder by SIRET and the deliberations.
    expect(text.startsWith('Avis de trop-perçu')).toBe(true);
    expect(text).not.toContain('Appel de fonds');
    expect(text).toContain(`Versé au-delà de sa part ${euros(used)} ${euros(2_500_000)} ${euros(used / 2)}`);
    // The campaign runs still: the excess is said provisional, until the day passes stop.
    const usageEnd = (await c.funder.request('GET', sharesUrl())).json().usageEnd;
    expect(usageEnd > businessDate()).toBe(true);
    expect(text).toContain(
      `À ce jour, vos versements dépassent votre part de ${euros(received - used / 2)} : aucun versement n'est appelé. Les pass pouvant être utilisés jusqu’au ${frenchDate(usageEnd)}, ce montant est provisoire`,
    );
    expect(text).not.toContain('cette somme vous revient,');
    const { rows } = await t.database.pool.query('SELECT siret FROM funders WHERE id = $1', [c.funderId]);
    expect(text).toContain(`De : Région Hauts-de-France — SIRET ${rows[0].siret}`);
    const { legal } = hautsDeFranceDemoCampaign.creation;
    expect(text).toContain(`n° ${legal.number} du ${frenchShortDate(legal.decidedOn)}`);
  });

  it('counts as paid every payment received by the day of the call, whatever day it is made as of', async () => {
    const today = businessDate();
    const yesterday = addDays(today, -1);
    const asOfYesterday = async () =>
      (await c.funder.request('GET', `${sharesUrl()}?asOf=${yesterday}`)).json().shares[0];
    const before = await asOfYesterday();
    // The State's transfer of two days ago, recorded only today.
    const late = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
      payer: 'État (ANCT)',
      amountCents: 2_000,
      receivedOn: addDays(today, -2),
      backdateReason: 'Avis de virement reçu tard',
      reference: 'ANCT-TARDIF',
    });
    expect(late.statusCode, late.body).toBe(201);
    const after = await asOfYesterday();
    expect(after.owedCents).toBe(before.owedCents);
    expect(after.receivedCents).toBe(before.receivedCents + 2_000);
    expect(after.balanceCents).toBe(before.balanceCents - 2_000);
    const pdf = await c.funder.request(
      'GET',
      `/api/v1/programs/${c.programId}/call-for-funds.pdf?cofunder=${encodeURIComponent('État (ANCT)')}&asOf=${yesterday}`,
    );
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(`Situation au ${frenchDate(yesterday)}`);
    expect(text).toContain(`Déjà versé au ${frenchDate(today)}`);
  });

  it('refuses a situation as of a day to come, on the page, the CSV and the call for funds', async () => {
    const today = businessDate();
    const state = encodeURIComponent('État (ANCT)');
    const urls = (asOf: string) => [
      `${sharesUrl()}?asOf=${asOf}`,
      `${sharesUrl()}.csv?asOf=${asOf}`,
      `/api/v1/programs/${c.programId}/call-for-funds.pdf?cofunder=${state}&asOf=${asOf}`,
    ];
    for (const url of urls(addDays(today, 1))) {
      const res = await c.funder.request('GET', url);
      expect(res.statusCode, url).toBe(422);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.json(), url).toMatchObject({
        code: 'validation_failed',
        errors: [
          {
            field: 'querystring.asOf',
            message: `La date de situation ne peut pas être dans le futur (nous sommes le ${frenchDate(today)}).`,
          },
        ],
      });
    }
    // Today, the business day in Europe/Paris, is a situation like any past day.
    for (const url of urls(today)) expect((await c.funder.request('GET', url)).statusCode, url).toBe(200);
    expect((await c.funder.request('GET', `${sharesUrl()}?asOf=${today}`)).json()).toMatchObject({
      asOf: today,
      receivedAsOf: today,
    });
  });

  // A finance officer asked for a call « au 31 décembre 2019 » and read « Cofinanceur introuvable ».
  it('says, at the date, that the programme was not yet in force on a day before it', async () => {
    const state = encodeURIComponent('État (ANCT)');
    const res = await c.funder.request(
      'GET',
      `/api/v1/programs/${c.programId}/call-for-funds.pdf?cofunder=${state}&asOf=2019-12-31`,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'asOf',
        message: expect.stringMatching(
          /^Le dispositif n’était pas encore en vigueur le 31 décembre 2019 : choisissez le \d+(er)? \S+ \d{4} ou après\.$/,
        ),
      },
    ]);
  });

  it('refuses an unknown co-funder, and another funder sees nothing', async () => {
    const unknown = await c.funder.request(
      'GET',
      `/api/v1/programs/${c.programId}/call-for-funds.pdf?cofunder=FEDER`,
    );
    expect(unknown.statusCode).toBe(404);
    const verdun = await signIn(t.app, 'financeur@paysdeverdun.test');
    expect((await verdun.request('GET', sharesUrl())).statusCode).toBe(404);
  });

  it('takes the rule from an amendment, and refuses a share above 100 %', async () => {
    const today = businessDate();
    const legal = { ...hautsDeFranceDemoCampaign.creation.legal, decidedOn: today };
    const amend = (usedShareBps: number, number: string) =>
      c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
        effectiveOn: today,
        legal: { ...legal, number },
        changes: { budget: { cofunders: [{ name: 'État (ANCT)', shareBps: 5_000, usedShareBps }] } },
      });
    const wrong = await amend(12_000, 'PARTS-0');
    expect(wrong.statusCode).toBe(422);
    expect(JSON.stringify(wrong.json().errors)).toMatch(/usedShareBps/);

    expect((await amend(3_000, 'PARTS-1')).statusCode).toBe(201);
    const share = (await state()).json().shares[0];
    const owed = Math.round(share.usedCents * 0.3);
    expect(share).toMatchObject({
      usedShareBps: 3_000,
      owedCents: owed,
      balanceCents: owed - share.receivedCents,
    });
  });

  it('names a deliberation once, when it changed the programme on two dates', async () => {
    // The seed's Hauts-de-France programme: n° 2022.01883 extends the calendar on 22 November
    // 2022 and widens the publics on 1 January 2023; the call for funds listed it twice.
    const { rows } = await t.database.pool.query(
      `SELECT p.id FROM programs p JOIN program_amendments a ON a.program_id = p.id
        WHERE a.number = '2022.01883' LIMIT 1`,
    );
    const res = await c.funder.request(
      'GET',
      `/api/v1/programs/${rows[0].id}/cofunder-shares?asOf=2024-12-31`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const numbers = res.json().deliberations.map((d: { number: string }) => d.number);
    expect(numbers.filter((n: string) => n === '2022.01883')).toHaveLength(1);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
