import { describe, expect, it } from 'vitest';
import { nameKey, pick } from './names.js';
import { UsageError } from './usage.js';

const FUNDERS = [
  { id: '6f1c1a52-0d0e-4f5e-9a55-2b9a4c1e7d01', name: 'Région Hauts-de-France', detail: '20005374200017' },
  {
    id: '6f1c1a52-0d0e-4f5e-9a55-2b9a4c1e7d02',
    name: 'Département du Pas-de-Calais',
    detail: '22620001200012',
  },
  { id: '6f1c1a52-0d0e-4f5e-9a55-2b9a4c1e7d03', name: 'Département de la Meuse', detail: '22550001600019' },
];

const refusal = (value: string, candidates = FUNDERS) => {
  try {
    pick('payments sepa', '--funder', 'funder', value, candidates);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`'${value}' was taken`);
};

describe('a funder, place or programme named at the command line', () => {
  it('is found by its name whatever the capitals, accents, hyphens and apostrophes', () => {
    expect(nameKey('  RÉGION   Hauts-de-France ')).toBe('region hauts de france');
    expect(nameKey('Mission locale d’Amiens')).toBe(nameKey("mission locale d'amiens"));
    expect(pick('payments sepa', '--funder', 'funder', 'region hauts de france', FUNDERS)).toBe(
      FUNDERS[0]!.id,
    );
  });

  it('is found by its SIRET, spaces allowed, or by its id', () => {
    expect(pick('payments sepa', '--funder', 'funder', '226 200 012 00012', FUNDERS)).toBe(FUNDERS[1]!.id);
    expect(pick('payments sepa', '--funder', 'funder', FUNDERS[2]!.id, FUNDERS)).toBe(FUNDERS[2]!.id);
  });

  it('names the close ones when nothing matches, and nothing when nothing comes close', () => {
    const message = refusal('département');
    expect(message).toMatch(
      /^payments sepa : --funder « département » : aucun financeur ne porte ce nom\. Vouliez-vous dire :/,
    );
    expect(message).toContain('Département du Pas-de-Calais (22620001200012)');
    expect(message).toContain('Département de la Meuse (22550001600019)');
    expect(message).not.toContain('Région');
    expect(refusal('Bretagne')).toBe(
      'payments sepa : --funder « Bretagne » : aucun financeur ne porte ce nom.',
    );
    expect(refusal('21350001800013')).toBe(
      'payments sepa : --funder « 21350001800013 » : aucun financeur n’a ce SIRET.',
    );
    expect(refusal('6f1c1a52-0d0e-4f5e-9a55-2b9a4c1e7d09')).toBe(
      'payments sepa : --funder « 6f1c1a52-0d0e-4f5e-9a55-2b9a4c1e7d09 » : aucun financeur n’a cet id.',
    );
  });

  it('asks for the id when a name is shared, listing each with what tells them apart', () => {
    const twins = [
      {
        id: '6f1c1a52-0d0e-4f5e-9a55-2b9a4c1e7d11',
        name: 'Pass numérique',
        detail: 'Région Hauts-de-France',
      },
      {
        id: '6f1c1a52-0d0e-4f5e-9a55-2b9a4c1e7d12',
        name: 'Pass Numérique',
        detail: 'PETR du Pays de Verdun',
      },
    ];
    let message = '';
    try {
      pick('issue', '--program', 'programme', 'pass numerique', twins);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'issue : --program « pass numerique » désigne 2 programmes ; donnez l’id de celui que vous visez :',
      `  Pass numérique (Région Hauts-de-France)  ${twins[0]!.id}`,
      `  Pass Numérique (PETR du Pays de Verdun)  ${twins[1]!.id}`,
    ]);
  });

  it('takes no SIRET for a programme: fourteen digits are its name', () => {
    const numbered = [{ id: '6f1c1a52-0d0e-4f5e-9a55-2b9a4c1e7d21', name: '20005374200017', detail: 'x' }];
    expect(pick('issue', '--program', 'programme', '20005374200017', numbered)).toBe(numbered[0]!.id);
  });
});
