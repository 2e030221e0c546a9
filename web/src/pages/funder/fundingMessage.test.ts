import { describe, expect, it } from 'vitest';
import { fundingRecordedMessage } from './fundingMessage';

/** The programme page read « 0 pass activés » after a funding: the participle agrees. */
describe('fundingRecordedMessage', () => {
  it.each([
    [0, '0 pass activé.'],
    [1, '1 pass activé.'],
    [2, '2 pass activés.'],
    [1500, '1 500 pass activés.'],
  ])('after activating %i passes, ends with « %s »', (n, end) => {
    const message = fundingRecordedMessage(300_000, n);
    expect(message).toMatch(/^Versement de 3 000,00 € enregistré : /);
    expect(message.endsWith(end)).toBe(true);
  });
});
