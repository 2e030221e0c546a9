import { describe, expect, it } from 'vitest';
import { emptyProfile, validateProfile } from './profileForm';

const filled = {
  ...emptyProfile(),
  name: 'Médiathèque Louis Aragon',
  communeCode: '80021',
  address: '50 rue de la République',
  postcode: '80000',
  services: 'Prendre en main un ordinateur',
};

describe('the place profile form before sending', () => {
  it('says every fault at once: a web address without its https:// with the texts too long', () => {
    const errors = validateProfile({
      ...filled,
      website: 'www.exemple.fr',
      summary: 'a'.repeat(281),
      description: 'b'.repeat(2001),
    });
    expect(errors).toEqual({
      website: expect.stringContaining('https://'),
      summary: '280 caractères au plus (281 saisis).',
      description: expect.stringMatching(/^2.000 caractères au plus \(2.001 saisis\)\.$/),
    });
    expect(validateProfile({ ...filled, website: 'https://www.exemple.fr' })).toEqual({});
  });
});
