import { describe, expect, it } from 'vitest';
import { EMPTY, issueCountHint, validateIssue } from './issueForm';

/** A count of booklets mistyped was told « positif ou nul », and 0 was refused afterwards. */
describe('the number of booklets of an issue', () => {
  it.each(['-1', '1,5', 'dix', '0'])('« %s » is asked again as a whole number of at least 1', (typed) => {
    const errors = validateIssue({
      ...EMPTY,
      bookletCount: typed,
      bookletSize: '10',
      issuedOn: '2026-01-15',
    });
    expect(errors.bookletCount).toBe(
      'Saisissez un nombre entier de carnets, au moins 1 (sans décimale ni signe).',
    );
  });

  it('takes 1 and up to the API’s bound', () => {
    const valid = { ...EMPTY, bookletSize: '10', issuedOn: '2099-01-01' };
    expect(validateIssue({ ...valid, bookletCount: '1' }).bookletCount).toBeUndefined();
    expect(validateIssue({ ...valid, bookletCount: '200001' }).bookletCount).toBe(
      'Au plus 200 000 carnets par émission.',
    );
  });
});

/**
 * The hint said « Au plus 200 000 carnets » while the programme had room for 20: the real bound
 * (the passes planned, those already issued) came only with the refusal.
 */
describe('the hint of the number of booklets', () => {
  it('gives the passes planned and those already issued, then what the issue makes', () => {
    expect(issueCountHint(null, { planned: 2000, issued: 1800 })).toBe(
      'Pass prévus par le dispositif : 2 000 ; déjà émis : 1 800.',
    );
    expect(issueCountHint({ bookletCount: 20, bookletSize: 10 }, { planned: 2000, issued: 1800 })).toBe(
      'Soit 200 pass. Pass prévus par le dispositif : 2 000 ; déjà émis : 1 800.',
    );
    // Figures not loaded (yet): the size of the issue alone, or the API's bound.
    expect(issueCountHint({ bookletCount: 20, bookletSize: 10 }, null)).toBe('Soit 200 pass.');
    expect(issueCountHint(null, null)).toBe('Au plus 200 000 carnets par émission.');
  });
});
