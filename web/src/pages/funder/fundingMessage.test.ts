import { describe, expect, it } from 'vitest';
import { fundingRecordedMessage, reversalEffect } from './fundingMessage';

/** The programme page read « 0 pass activés » after a funding: the participle agrees. */
describe('fundingRecordedMessage', () => {
  it.each([
    [0, '0 pass activé. Le montant reste disponible et activera les prochains pass émis.'],
    [1, '1 pass activé.'],
    [2, '2 pass activés.'],
    [1500, '1 500 pass activés.'],
  ])('after activating %i passes, ends with « %s »', (n, end) => {
    const message = fundingRecordedMessage(300_000, n);
    expect(message).toMatch(/^Versement de 3 000,00 € enregistré : /);
    expect(message.endsWith(end)).toBe(true);
  });

  it('says that money which activated nothing waits, only then', () => {
    expect(fundingRecordedMessage(300_000, 1)).not.toContain('reste disponible');
  });
});

/** A cancelled funding read « 0 pass du stock désactivés »: the participle agrees there too. */
describe('reversalEffect', () => {
  it.each([
    [0, '0 pass du stock désactivé'],
    [1, '1 pass du stock désactivé'],
    [2, '2 pass du stock désactivés'],
    [1200, '1 200 pass du stock désactivés'],
  ])('after deactivating %i passes, says « %s »', (n, text) => {
    expect(reversalEffect({ deactivatedPasses: n, reclaimedCents: 0 })).toBe(text);
  });

  it('adds the value taken back from dead passes', () => {
    expect(reversalEffect({ deactivatedPasses: 1, reclaimedCents: 5000 })).toBe(
      '1 pass du stock désactivé, 50,00 € repris sur la valeur des pass annulés ou expirés',
    );
  });
});
