import { describe, expect, it } from 'vitest';
import { cancelledNotice } from './cancelledNotice';

const code = 'SEK5-EE62-EMGD-KD';

describe('what the desk says once a redemption is cancelled', () => {
  it('says the pass may be used again, or nothing of it when the answer did not say', () => {
    expect(cancelledNotice(code, { passUsableAgain: true, passUnusableReason: null })).toBe(
      'L’encaissement du pass SEK5-EE62-EMGD-KD est annulé : le pass peut de nouveau être utilisé.',
    );
    expect(cancelledNotice(code, undefined)).toBe('L’encaissement du pass SEK5-EE62-EMGD-KD est annulé.');
  });

  // A pass redeemed again elsewhere since read as a booklet declared lost or stolen.
  it('says why the pass may not be used again, each reason its own sentence', () => {
    const unusable = (reason: string | null) =>
      cancelledNotice(code, { passUsableAgain: false, passUnusableReason: reason as never });
    expect(unusable('blocked')).toBe(
      'L’encaissement du pass SEK5-EE62-EMGD-KD est annulé, mais le pass ne peut plus être utilisé : son carnet a été déclaré perdu ou volé.',
    );
    expect(unusable('redeemed_again')).toBe(
      'L’encaissement du pass SEK5-EE62-EMGD-KD est annulé ; le pass a depuis été encaissé de nouveau, par votre lieu ou par un autre.',
    );
    expect(unusable('expired')).toBe(
      'L’encaissement du pass SEK5-EE62-EMGD-KD est annulé, mais le pass ne peut plus être utilisé : il a expiré (sa date de fin de validité ou la fin d’utilisation du dispositif est passée).',
    );
    expect(unusable('cancelled')).toBe(
      'L’encaissement du pass SEK5-EE62-EMGD-KD est annulé, mais le pass ne peut plus être utilisé : il a été annulé.',
    );
    // A reason this page does not know yet (a newer server), or none: no cause made up.
    for (const reason of ['program_withdrawn', null])
      expect(unusable(reason)).toBe(
        'L’encaissement du pass SEK5-EE62-EMGD-KD est annulé, mais le pass ne peut plus être utilisé.',
      );
  });
});
