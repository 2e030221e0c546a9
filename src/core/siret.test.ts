import { describe, expect, it } from 'vitest';
import { siretProblem } from './siret.js';

describe('what is wrong with a SIRET typed', () => {
  it('says how many digits were typed, or that the last one does not match', () => {
    expect(siretProblem('200 053 742 00017')).toBeNull();
    expect(siretProblem('200 053 742 0001')).toBe('Le SIRET compte 14 chiffres : 13 chiffres saisis.');
    expect(siretProblem('20005374200O17')).toBe(
      'Le SIRET compte 14 chiffres, sans lettre ni autre signe : 13 chiffres saisis.',
    );
    expect(siretProblem('812 345 678 00015')).toBe(
      'Ce SIRET n’existe pas : sa clé de contrôle ne correspond pas, un chiffre a pu être mal recopié (voir l’avis de situation INSEE).',
    );
  });
});
