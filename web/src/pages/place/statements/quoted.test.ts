import { describe, expect, it } from 'vitest';
import { quoted } from './contestHistory';

/** « …enregistrés sur le mois suivant. ». read with two full stops on the statements' pages. */
describe('quoted', () => {
  it('closes the sentence once', () => {
    expect(quoted('Il manque la séance du 3.')).toBe(' : « Il manque la séance du 3. »');
    expect(quoted('Il manque la séance du 3')).toBe(' : « Il manque la séance du 3 ».');
    expect(quoted(null)).toBe('.');
  });
});
