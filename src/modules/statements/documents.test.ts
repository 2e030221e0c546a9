import { describe, expect, it } from 'vitest';
import { generatePassCodes } from '../../core/pass-code.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import type { StatementStanding } from '../../core/statement-standing.js';
import { overlappingWords, pdfText, pdfWords } from '../../test/pdf.js';
import { statementCsv, statementPdf } from './documents.js';
import type { LineRow, StatementRow } from './repo.js';

/**
 * The statement's PDF is the place's document of record: every line must read whole. A theme
 * longer than its column used to run onto the next line's, drawn over it.
 */
const statement: StatementRow = {
  id: '00000000-0000-4000-8000-000000000001',
  funderId: '00000000-0000-4000-8000-000000000002',
  funderName: 'Région Hauts-de-France',
  funderSiret: '20005376700014',
  programId: '00000000-0000-4000-8000-000000000003',
  placeId: '00000000-0000-4000-8000-000000000004',
  placeName: 'Médiathèque Louis Aragon',
  placeSiret: '21800021700019',
  number: '2026-000018',
  month: '2026-10',
  redemptionsCount: 90,
  valueCents: 90_000,
  adjustmentsCount: 0,
  adjustmentsCents: 0,
  totalCents: 90_000,
  status: 'issued',
  createdAt: new Date('2026-11-02T06:00:00Z'),
  paidOn: null,
  finalOn: null,
};

const codes = generatePassCodes(90);

// Every theme in turn, over enough lines to fill more than one page.
const lines: LineRow[] = Array.from({ length: 90 }, (_, i) => ({
  kind: 'redemption',
  amountCents: 1000,
  redeemedAt: new Date(Date.UTC(2026, 9, 1 + (i % 30), 9)),
  sessionOn: `2026-10-${String(1 + (i % 30)).padStart(2, '0')}`,
  cancelledAt: null,
  code: codes[i]!,
  theme: STANDARD_SERVICES[i % STANDARD_SERVICES.length]!,
  durationMinutes: 60,
  format: i % 2 ? 'collective' : 'individual',
}));

const unpaid: StatementStanding = {
  status: 'issued',
  totalCents: statement.totalCents,
  paidOn: null,
  instalments: null,
  deductedFrom: null,
  inRun: null,
  bankRefusedOn: null,
};

const document = (standing = unpaid) => ({
  statement: { ...statement, status: standing.status, paidOn: standing.paidOn },
  programName: 'Pass numériques Hauts-de-France',
  lines,
  standing,
  events: [],
});

describe('a statement as PDF', () => {
  const at = (iso: string) => new Date(iso);
  const event = (
    e: string,
    status: string,
    reason: string | null,
    iso: string,
    actorLabel: string | null,
  ) => ({
    event: e,
    status,
    reason,
    actorLabel,
    at: at(iso),
  });
  const twoRounds = [
    event('issue', 'issued', null, '2026-11-02T06:00:00Z', 'Relevés mensuels'),
    event(
      'contest',
      'contested',
      'Deux ateliers collectifs du 14 manquent.',
      '2026-11-05T09:30:00Z',
      'Samira B.',
    ),
    event(
      'answer',
      'issued',
      'Les deux ateliers sont sur le relevé de novembre.',
      '2026-11-06T10:00:00Z',
      'Camille M.',
    ),
    event('contest', 'contested', 'Celui du 21 manque aussi', '2026-11-07T09:00:00Z', 'Samira B.'),
    event('answer', 'issued', 'Il y est aussi.', '2026-11-09T10:00:00Z', 'Camille M.'),
  ];

  it('carries every contest and every answer, as the page’s history, which an auditor reads from the document alone', async () => {
    const text = pdfText(await statementPdf({ ...document(), events: twoRounds }));
    expect(text).toContain('Historique de la contestation');
    expect(text).toContain(
      'Le 5 novembre 2026, 1re contestation, par Samira B. : « Deux ateliers collectifs du 14 manquent. »',
    );
    expect(text).toContain(
      'Le 6 novembre 2026, réponse du financeur (Camille M.) : « Les deux ateliers sont sur le relevé de novembre. »',
    );
    expect(text).toContain(
      'Le 7 novembre 2026, 2e contestation, par Samira B. : « Celui du 21 manque aussi ».',
    );
    expect(text).toContain('Le 9 novembre 2026, réponse du financeur (Camille M.) : « Il y est aussi. »');
    const waiting = pdfText(await statementPdf({ ...document(), events: twoRounds.slice(0, 4) }));
    expect(waiting).toContain('2e contestation');
    expect(waiting).toContain('Sans réponse du financeur à ce jour.');
    expect(pdfText(await statementPdf(document()))).not.toContain('contestation');
  });

  it('writes its dates in words above the table, as the page does: one form per place of the document', async () => {
    const text = pdfText(
      await statementPdf({
        ...document({ ...unpaid, status: 'paid', paidOn: '2026-12-07' }),
        events: twoRounds,
      }),
    );
    expect(text).toContain('Émis le 2 novembre 2026');
    expect(text).toContain('7 décembre 2026');
    // Above the table of sessions, no date in figures.
    const above = text.slice(0, text.indexOf('Séance du'));
    expect(above).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });

  it('draws no word over another, over several pages', async () => {
    const pdf = await statementPdf(document());
    const words = pdfWords(pdf);
    expect(new Set(words.map((w) => w.page)).size).toBeGreaterThan(1);
    expect(overlappingWords(words)).toEqual([]);
  });

  it('writes every theme whole', async () => {
    const pdf = await statementPdf(document());
    const text = pdfText(pdf);
    for (const theme of STANDARD_SERVICES) expect(text).toContain(theme);
    expect(text.match(/••••-••••-••[0-9A-Z]{2}-[0-9A-Z]{2}/g)).toHaveLength(lines.length);
  });

  it('says where it stands as the list of statements does: a transfer the bank paid in part', async () => {
    const text = pdfText(
      await statementPdf(
        document({
          ...unpaid,
          status: 'in_payment',
          instalments: {
            transferCents: 90_000,
            paidCents: 50_000,
            writtenOffCents: 0,
            writeOffReason: null,
            remainderCents: 40_000,
            lastPaidOn: '2026-11-20',
            returnedOn: null,
            returnReason: null,
            awaitingAccount: false,
          },
        }),
      ),
    );
    expect(text).toContain('état : Payé en partie');
    expect(text).toContain(
      'Reçu : 500,00 € sur un virement de 900,00 € (dernier versement le 20 novembre 2026). Reste à venir : 400,00 €.',
    );
  });
});

describe('a statement as CSV', () => {
  it('names the funder with its SIRET, the statement’s state and the day it was paid, as the PDF does', () => {
    const paid = { ...unpaid, status: 'paid' as const, paidOn: '2026-12-07' };
    const [header, row] = statementCsv(document(paid))
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const cells = header!.split(';');
    const values = row!.split(';');
    expect(values[cells.indexOf('Financeur')]).toBe('Région Hauts-de-France');
    expect(values[cells.indexOf('SIRET du financeur')]).toBe('20005376700014');
    expect(values[cells.indexOf('État')]).toBe('Payé');
    expect(values[cells.indexOf('Émis le')]).toBe('02/11/2026');
    expect(values[cells.indexOf('Payé le')]).toBe('07/12/2026');
    // The total stays under the amounts.
    const lines = statementCsv(document(paid))
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const total = lines.at(-2)!.split(';');
    expect(total[0]).toBe('Total');
    expect(total[cells.indexOf('Montant (€)')]).toBe('900,00');
  });
});

describe('a late session on a statement', () => {
  // Recorded on 3 November for a session given on 28 October (a place catching up on its
  // paper sheets): the place matches the line against its own records by the session's day.
  const late: LineRow = {
    ...lines[0]!,
    redeemedAt: new Date('2026-11-03T10:00:00Z'),
    sessionOn: '2026-10-28',
  };
  const doc = { ...document(), lines: [late] };

  it('gives the day of the session beside the day it was recorded, in the CSV', () => {
    const [header, row] = statementCsv(doc)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const cells = header!.split(';');
    const values = row!.split(';');
    expect(values[cells.indexOf('Séance du')]).toBe('28/10/2026');
    expect(values[cells.indexOf('Enregistré le')]).toBe('03/11/2026');
  });

  // « 2026-10 » is taken for a date by a spreadsheet, which shows « oct-26 » or « 01/10/2026 ».
  it('names the month in words and the format as the desk does', () => {
    const [header, row] = statementCsv(doc)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const cells = header!.split(';');
    const values = row!.split(';');
    expect(values[cells.indexOf('Mois')]).toBe('octobre 2026');
    expect(values[cells.indexOf('Format')]).toBe('Individuelle');
  });

  it('and in the PDF', async () => {
    const text = pdfText(await statementPdf(doc));
    expect(text).toContain('Séance du');
    expect(text).toContain('28/10/2026');
    expect(text).toContain('03/11/2026');
  });
});
