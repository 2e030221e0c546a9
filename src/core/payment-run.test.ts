import { describe, expect, it } from 'vitest';
import {
  endToEndId,
  executionDateAtSending,
  fourEyesForbids,
  messageId,
  planTransfers,
  RUN_STATUSES,
  runMay,
  TRANSFER_STATUSES,
} from './payment-run.js';

describe('payment runs', () => {
  it('moves prepared → approved → sent, and cancels only before sending', () => {
    expect(runMay('prepared', 'approved')).toBe(true);
    expect(runMay('approved', 'sent')).toBe(true);
    expect(runMay('prepared', 'sent')).toBe(false);
    expect(runMay('approved', 'cancelled')).toBe(true);
    expect(runMay('sent', 'cancelled')).toBe(false);
  });

  it('records that the bank refused a run only once it was sent, and nothing after', () => {
    expect(runMay('sent', 'rejected')).toBe(true);
    expect(runMay('prepared', 'rejected')).toBe(false);
    expect(runMay('approved', 'rejected')).toBe(false);
    for (const to of RUN_STATUSES) {
      expect(runMay('rejected', to), `rejected → ${to}`).toBe(false);
      expect(runMay('cancelled', to), `cancelled → ${to}`).toBe(false);
    }
    expect(TRANSFER_STATUSES).toContain('rejected');
  });

  it('asks the bank for the run’s execution date, or for the next bank business day once it has passed', () => {
    // Thursday 3 December 2026: a day to come, or today, is kept.
    expect(executionDateAtSending('2026-12-04', '2026-12-03')).toBe('2026-12-04');
    expect(executionDateAtSending('2026-12-03', '2026-12-03')).toBe('2026-12-03');
    // Passed: the next bank business day after today.
    expect(executionDateAtSending('2026-12-01', '2026-12-03')).toBe('2026-12-04');
    // Sent on Thursday 24 December: Christmas, then a weekend, then 28 December.
    expect(executionDateAtSending('2026-12-21', '2026-12-24')).toBe('2026-12-28');
    // Sent on a Saturday: the Monday.
    expect(executionDateAtSending('2026-12-04', '2026-12-05')).toBe('2026-12-07');
  });

  it('forbids the preparer to approve only with four eyes on and two admins or more', () => {
    const base = { fourEyes: true, adminCount: 2, preparedUnderRule: false, preparedBy: 'a', approver: 'a' };
    expect(fourEyesForbids(base)).toBe(true);
    expect(fourEyesForbids({ ...base, approver: 'b' })).toBe(false);
    expect(fourEyesForbids({ ...base, adminCount: 1 })).toBe(false);
    expect(fourEyesForbids({ ...base, fourEyes: false })).toBe(false);
  });

  it('keeps forbidding it when the run was prepared under the rule, turned off since', () => {
    const off = { fourEyes: false, adminCount: 2, preparedUnderRule: true, preparedBy: 'a', approver: 'a' };
    expect(fourEyesForbids(off)).toBe(true);
    expect(fourEyesForbids({ ...off, approver: 'b' })).toBe(false);
  });

  it('groups statements into one transfer per place and programme, summing them', () => {
    const s = (id: string, placeId: string, programId: string, totalCents: number) => ({
      id,
      number: `2026-00000${id}`,
      placeId,
      programId,
      totalCents,
    });
    const plan = planTransfers([
      s('3', 'A', 'P', 500),
      s('1', 'A', 'P', 1000),
      s('2', 'B', 'P', 200),
      s('4', 'A', 'Q', 0),
    ]);
    expect(plan.map((t) => [t.placeId, t.programId, t.amountCents, t.statements.map((x) => x.id)])).toEqual([
      ['A', 'P', 1500, ['1', '3']],
      ['B', 'P', 200, ['2']],
    ]);
  });

  it('derives ids the SEPA schema accepts', () => {
    const id = '0b5e7c1a-3f2d-4c6b-9a8e-1d2c3b4a5f60';
    expect(endToEndId(id)).toBe('PN0B5E7C1A3F2D4C6B9A8E1D2C3B4A5F60');
    expect(endToEndId(id).length).toBeLessThanOrEqual(35);
    expect(messageId(id).length).toBe(35);
  });
});
