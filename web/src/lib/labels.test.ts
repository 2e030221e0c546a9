import { describe, expect, it } from 'vitest';
import { asRole } from './labels';

/** The invitation page said « en tant que administrateur du financeur »: French elides. */
describe('asRole', () => {
  it.each([
    ['funder_admin', 'en tant qu’administrateur du financeur'],
    ['prescriber_agent', 'en tant qu’agent prescripteur'],
    ['place_admin', 'en tant qu’administrateur de lieu de médiation'],
    ['funder_viewer', 'en tant que lecteur du financeur'],
  ] as const)('writes the role %s as « %s »', (role, text) => {
    expect(asRole(role)).toBe(text);
  });
});
