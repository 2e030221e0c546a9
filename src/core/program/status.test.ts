import { describe, expect, it } from 'vitest';
import { programAsOf } from './as-of.js';
import { ALLOWED, allows, phaseOf, programPhase, refusalMessage } from './status.js';
import { hautsDeFranceHistory } from './testing/seeds.js';
import type { Amendment, ProgramState } from './types.js';

const running = programAsOf(hautsDeFranceHistory, '2022-06-01') as ProgramState;
const withCalendar = (
  calendar: Partial<ProgramState['calendar']>,
  status: ProgramState['status'] = 'active',
) => ({
  ...running,
  status,
  calendar: {
    distributionStart: '2024-01-01',
    distributionEnd: '2024-06-30',
    usageEnd: '2024-12-31',
    closure: '2025-03-31',
    ...calendar,
  },
});

describe('the status of a programme on a day', () => {
  const p = withCalendar({});
  it.each([
    ['2023-12-31', 'upcoming'],
    ['2024-01-01', 'running'],
    ['2024-06-30', 'running'],
    ['2024-07-01', 'distribution_closed'],
    ['2024-12-31', 'distribution_closed'],
    ['2025-01-01', 'usage_closed'],
    ['2025-03-31', 'usage_closed'],
    ['2025-04-01', 'closed'],
  ])('on %s is %s', (day, phase) => {
    expect(phaseOf(p, day)).toBe(phase);
  });

  it('stays « usage closed » without a closure date, and is « to come » before it exists', () => {
    expect(phaseOf(withCalendar({ closure: null }), '2030-01-01')).toBe('usage_closed');
    expect(phaseOf(null, '2030-01-01')).toBe('upcoming');
  });

  it('follows the amendments: closed or suspended by decision, a draft is not in force', () => {
    expect(phaseOf(withCalendar({}, 'closed'), '2024-03-01')).toBe('closed');
    expect(phaseOf(withCalendar({}, 'suspended'), '2024-03-01')).toBe('suspended');
    expect(phaseOf(withCalendar({}, 'suspended'), '2025-04-01')).toBe('closed');
    expect(phaseOf(withCalendar({}, 'draft'), '2024-03-01')).toBe('upcoming');
  });

  it('gives the Hauts-de-France programme its history: running until its extension ended', () => {
    expect(programPhase(hautsDeFranceHistory, '2020-01-01')).toBe('upcoming');
    expect(programPhase(hautsDeFranceHistory, '2021-06-01')).toBe('running');
    expect(programPhase(hautsDeFranceHistory, '2024-12-31')).toBe('running');
    expect(programPhase(hautsDeFranceHistory, '2025-01-01')).toBe('usage_closed');
    const [creation] = hautsDeFranceHistory as [Amendment];
    const closing: Amendment = {
      ...creation,
      id: '00000000-0000-4000-8000-00000000c105',
      kind: 'amendment',
      effectiveOn: '2023-03-01',
      legal: { ...creation.legal, number: 'CLOSE', decidedOn: '2023-03-01' },
      changes: { status: 'closed' },
    };
    expect(programPhase([...hautsDeFranceHistory, closing], '2023-02-28')).toBe('running');
    expect(programPhase([...hautsDeFranceHistory, closing], '2023-03-01')).toBe('closed');
  });
});

describe('what a status allows', () => {
  it('lets passes be prepared before distribution, used until usage ends, and nothing when closed or suspended', () => {
    expect(ALLOWED).toEqual({
      upcoming: ['issue', 'allocate'],
      running: ['issue', 'allocate', 'hand_out', 'redeem'],
      distribution_closed: ['redeem'],
      usage_closed: [],
      closed: [],
      suspended: [],
    });
    expect(allows('running', 'hand_out')).toBe(true);
    expect(allows('suspended', 'redeem')).toBe(false);
  });

  it('says in French why an action is refused', () => {
    expect(refusalMessage('closed', 'hand_out', '2025-01-02')).toBe(
      "À la date du 2 janvier 2025, le dispositif est clôturé : la remise de carnets n'est pas possible.",
    );
  });

  it('says why a programme is still to come: not in force, a draft, or its distribution opening later', () => {
    const opening = withCalendar({
      distributionStart: '2027-01-01',
      distributionEnd: '2027-06-30',
      usageEnd: '2027-12-31',
      closure: null,
    });
    expect(phaseOf(opening, '2026-12-06')).toBe('upcoming');
    expect(refusalMessage('upcoming', 'hand_out', '2026-12-06', opening)).toBe(
      "À la date du 6 décembre 2026, le dispositif n'ouvre sa distribution que le 1er janvier 2027 : la remise de carnets n'est pas possible.",
    );
    expect(refusalMessage('upcoming', 'redeem', '2026-12-06', { ...opening, status: 'draft' })).toBe(
      "À la date du 6 décembre 2026, le dispositif est encore à l'état de projet : l'utilisation des pass n'est pas possible.",
    );
    expect(refusalMessage('upcoming', 'hand_out', '2019-01-01', null)).toBe(
      "À la date du 1er janvier 2019, le dispositif n'est pas encore en vigueur : la remise de carnets n'est pas possible.",
    );
  });
});
