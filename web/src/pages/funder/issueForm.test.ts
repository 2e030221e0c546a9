import { describe, expect, it } from 'vitest';
import { EMPTY, validateIssue } from './issueForm';

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
