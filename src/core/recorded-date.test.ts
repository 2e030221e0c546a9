import { describe, expect, it } from 'vitest';
import { recordedDate } from './recorded-date.js';

const today = '2026-11-30';

describe('the date of a recorded operation', () => {
  it('is today by default, without a reason', () => {
    expect(recordedDate({}, today, 'issuedOn', false)).toEqual({
      ok: true,
      value: { date: today, backdateReason: null },
    });
  });

  it('is never in the future, whoever asks', () => {
    const r = recordedDate({ date: '2026-12-01', reason: 'x' }, today, 'issuedOn', true);
    expect(r).toMatchObject({ ok: false, issues: [{ field: 'issuedOn' }] });
  });

  it('may be in the past for those allowed to backdate, with a reason', () => {
    expect(recordedDate({ date: '2026-11-01' }, today, 'receivedOn', true)).toMatchObject({
      ok: false,
      issues: [{ field: 'backdateReason' }],
    });
    expect(recordedDate({ date: '2026-11-01', reason: '  ' }, today, 'receivedOn', true)).toMatchObject({
      ok: false,
    });
    expect(recordedDate({ date: '2026-11-01', reason: ' Avis tardif ' }, today, 'receivedOn', true)).toEqual({
      ok: true,
      value: { date: '2026-11-01', backdateReason: 'Avis tardif' },
    });
    expect(recordedDate({ date: '2026-11-01', reason: 'x' }, today, 'handedOutOn', false)).toMatchObject({
      ok: false,
      issues: [{ field: 'handedOutOn' }],
    });
  });

  it('is not before 2000: a year mistyped is refused on its field, not recorded', () => {
    expect(recordedDate({ date: '1850-03-01', reason: 'Bon de commande' }, today, 'issuedOn', true)).toEqual({
      ok: false,
      issues: [
        {
          field: 'issuedOn',
          message:
            "Cette date (1er mars 1850) n'est pas plausible : indiquez une date à partir du 1er janvier 2000.",
        },
      ],
    });
    expect(recordedDate({ date: '2000-01-01', reason: 'x' }, today, 'issuedOn', true)).toMatchObject({
      ok: true,
    });
  });
});
