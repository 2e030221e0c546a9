import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildPain001, type Pain001Input } from './pain001.js';
import { remittanceFor } from './remittance.js';

const XSD = readFileSync(new URL('./fixtures/pain.001.001.03.xsd', import.meta.url), 'utf8');

async function validate(xml: string) {
  const result = await validateXML({ xml: [{ fileName: 'pain.xml', contents: xml }], schema: [XSD] });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

const funder = { name: 'Département du Pas-de-Calais', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' };

function input(overrides: Partial<Pain001Input> = {}): Pain001Input {
  return {
    messageId: 'PN-20261130-0001',
    createdAt: new Date('2026-11-30T21:15:03.456Z'),
    requestedExecutionDate: '2026-12-02',
    initiatingParty: funder.name,
    debtor: funder,
    transfers: [
      {
        endToEndId: 'PN1a2b3c4d5e6f70819202122232425262',
        amountCents: 125_000,
        creditor: {
          name: 'Médiathèque « L’Œil & la Plume »',
          iban: 'FR7610107001011234567890129',
          bic: 'BREDFRPP',
        },
        remittance: remittanceFor(['2026-000001', '2026-000004'], funder.name),
      },
      {
        endToEndId: 'PN-2',
        amountCents: 5,
        creditor: {
          name: 'Centre social François-Ñúñez',
          iban: 'DE89370400440532013000',
          bic: 'COBADEFFXXX',
        },
        remittance: remittanceFor(['2026-000002'], funder.name),
      },
    ],
    ...overrides,
  };
}

describe('pain.001.001.03 builder', () => {
  it('writes a file the official XSD accepts', async () => {
    const result = await validate(buildPain001(input()));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('counts the transfers and sums them to the cent in the header and the payment block', () => {
    const xml = buildPain001(input());
    expect(xml.match(/<NbOfTxs>2<\/NbOfTxs>/g)).toHaveLength(2);
    expect(xml.match(/<CtrlSum>1250.05<\/CtrlSum>/g)).toHaveLength(2);
    expect(xml).toContain('<InstdAmt Ccy="EUR">1250.00</InstdAmt>');
    expect(xml).toContain('<InstdAmt Ccy="EUR">0.05</InstdAmt>');
    expect(xml).toContain('<CreDtTm>2026-11-30T21:15:03Z</CreDtTm>');
    expect(xml).toContain('<ReqdExctnDt>2026-12-02</ReqdExctnDt>');
  });

  it('puts the funder as debtor and every place as creditor, names in the SEPA character set', () => {
    const xml = buildPain001(input());
    expect(xml).toContain('<Dbtr><Nm>Departement du Pas-de-Calais</Nm></Dbtr>');
    expect(xml).toContain('<DbtrAcct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></DbtrAcct>');
    expect(xml).toContain('<Cdtr><Nm>Mediatheque &apos;L&apos;OEil et la Plume&apos;</Nm></Cdtr>');
    expect(xml).toContain('<Cdtr><Nm>Centre social Francois-Nunez</Nm></Cdtr>');
    expect(xml).toContain(
      '<Ustrd>Releves pass numerique 2026-000001, 2026-000004 - Departement du Pas-de-Calais</Ustrd>',
    );
  });

  it('still validates with names and remittances far beyond the schema lengths', async () => {
    const long = 'Établissement public de coopération culturelle «  Médiathèques  »  '.repeat(5);
    const numbers = Array.from({ length: 30 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`);
    const base = input();
    const xml = buildPain001({
      ...base,
      initiatingParty: long,
      transfers: base.transfers.map((t) => ({
        ...t,
        creditor: { ...t.creditor, name: long },
        remittance: remittanceFor(numbers, long),
      })),
    });
    const ustrd = /<Ustrd>([^<]*)<\/Ustrd>/.exec(xml)?.[1] ?? '';
    expect(ustrd.length).toBeLessThanOrEqual(140);
    expect(ustrd).toMatch(/\+ \d+ autres/);
    expect((await validate(xml)).valid).toBe(true);
  });

  it('refuses what no bank would take: a repeated or too long end-to-end id, a zero amount', () => {
    const base = input();
    const [first, second] = base.transfers;
    if (!first || !second) throw new Error('fixture');
    expect(() =>
      buildPain001({ ...base, transfers: [first, { ...second, endToEndId: first.endToEndId }] }),
    ).toThrow(/used twice/);
    expect(() => buildPain001({ ...base, transfers: [{ ...first, endToEndId: 'x'.repeat(36) }] })).toThrow(
      /end-to-end/,
    );
    expect(() => buildPain001({ ...base, transfers: [{ ...first, amountCents: 0 }] })).toThrow(/amount/);
    expect(() => buildPain001({ ...base, transfers: [] })).toThrow(/one transfer/);
  });

  it('is caught by the validator when the schema is broken (the test does test)', async () => {
    const xml = buildPain001(input()).replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>XXX</PmtMtd>');
    expect((await validate(xml)).valid).toBe(false);
  });
});
