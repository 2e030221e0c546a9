import { describe, expect, it } from 'vitest';
import { validateBlock } from './blockForm';

/** Blocking a booklet already blocked asked to confirm first, and only then said it was blocked. */
describe('validateBlock', () => {
  const blocked = new Set(['P1A2B3-0000001-8']);

  it('says at once that a booklet the list shows as blocked is already blocked, however typed', () => {
    expect(validateBlock(blocked)({ lostSerial: 'p1a2b3 0000001 8', reason: 'lost' })).toEqual({
      lostSerial: 'Ce carnet est déjà bloqué.',
    });
  });

  it('lets another booklet go on to the confirmation', () => {
    expect(validateBlock(blocked)({ lostSerial: 'P1A2B3-0000002-6', reason: 'stolen' })).toEqual({});
  });

  it('still asks for a readable number and a reason first', () => {
    const errors = validateBlock(blocked)({ lostSerial: 'abc', reason: '' });
    expect(Object.keys(errors).sort()).toEqual(['lostSerial', 'reason']);
    expect(errors.lostSerial).not.toMatch(/déjà bloqué/);
  });
});

/** A mistyped serial opened « Bloquer ce carnet ? », and was refused only once confirmed. */
describe('validateBlock, the serial’s last digit', () => {
  it('refuses a serial whose check digit does not match, before the confirmation', () => {
    expect(validateBlock(new Set())({ lostSerial: 'C00002-0000012-4', reason: 'lost' })).toEqual({
      lostSerial:
        'Numéro de carnet erroné : son dernier chiffre ne correspond pas aux précédents. Vérifiez chaque chiffre sur la couverture.',
    });
    expect(validateBlock(new Set())({ lostSerial: 'c00002 0000012 5', reason: 'lost' })).toEqual({});
  });
});
