import { describe, expect, it } from 'vitest';
import { charterStep, noProgramNote } from './steps';

// Before, a place whose funder published no charter read « Charte : à accepter », with nothing to
// accept, and its application stayed « à compléter ».
describe('the charter’s step of a place’s application', () => {
  const charter = { version: 2, text: 'Article 1…', publishedOn: '2026-11-02' } as never;

  it('is done, and says why, when the funder published no charter', () => {
    expect(charterStep({ charter: null, charterAcceptance: null })).toEqual({
      done: true,
      text: 'aucune à accepter (le financeur n’en a pas publié)',
    });
  });

  it('waits for the place to accept the charter, or its new version', () => {
    expect(charterStep({ charter, charterAcceptance: null })).toEqual({ done: false, text: 'à accepter' });
    expect(charterStep({ charter, charterAcceptance: { current: false, version: 1 } as never })).toEqual({
      done: false,
      text: 'nouvelle version à accepter',
    });
    expect(charterStep({ charter, charterAcceptance: { current: true, version: 2 } as never })).toMatchObject(
      {
        done: true,
        text: 'acceptée',
      },
    );
  });
});

// Before, a funder none of whose programmes took applications showed its name as a heading over
// nothing but « Ce financeur n’a pas encore publié de charte. ».
describe('a funder’s section of the qualification page', () => {
  it('says there is nothing to do when no programme of the funder takes applications', () => {
    expect(noProgramNote({ programs: [] })).toBe(
      'Aucun dispositif de ce financeur n’est ouvert aux candidatures pour l’instant : le lieu n’a rien à faire pour lui.',
    );
  });

  it('says nothing more when it lists programmes', () => {
    expect(
      noProgramNote({
        programs: [{ programId: 'p', programName: 'P', takesApplications: true, application: null }],
      }),
    ).toBeNull();
  });
});
