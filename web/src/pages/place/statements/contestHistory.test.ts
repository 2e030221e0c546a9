import { describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../../api/statements';
import { contestExchanges, exchangeText } from './contestHistory';

const ev = (
  event: string,
  reason: string | null,
  at: string,
  actorLabel: string | null = null,
): StatementEvent => ({
  event,
  status: event === 'contest' ? 'contested' : 'issued',
  reason,
  actorLabel,
  at,
});

describe('the exchange about a contested statement', () => {
  const events = [
    ev('issue', null, '2026-03-02T08:00:00Z', 'Plateforme'),
    ev('contest', 'Deux séances manquent.', '2026-03-03T09:00:00Z', 'Thomas Petit'),
    ev('answer', 'Elles sont au relevé suivant.', '2026-03-04T09:00:00Z', 'Camille Martin'),
    ev('contest', 'Elles n’y sont pas.', '2026-03-05T09:00:00Z', 'Thomas Petit'),
    ev('approve', null, '2026-03-20T09:00:00Z'),
  ];

  it('keeps every contest and every answer, in order, and nothing else', () => {
    const x = contestExchanges(events);
    expect(x.map((e) => [e.kind, e.round, e.reason])).toEqual([
      ['contest', 1, 'Deux séances manquent.'],
      ['answer', 1, 'Elles sont au relevé suivant.'],
      ['contest', 2, 'Elles n’y sont pas.'],
    ]);
  });

  it('says each in words, with its day, who wrote it and what', () => {
    const day = (iso: string) => iso.slice(0, 10);
    expect(contestExchanges(events).map((x) => exchangeText(x, day))).toEqual([
      // A quotation ending with its own full stop takes no second one (« … manquent. ». read twice).
      'Le 2026-03-03, 1re contestation, par Thomas Petit : « Deux séances manquent. »',
      'Le 2026-03-04, réponse du financeur (Camille Martin) : « Elles sont au relevé suivant. »',
      'Le 2026-03-05, 2e contestation, par Thomas Petit : « Elles n’y sont pas. »',
    ]);
  });

  it('reads a message without reason nor author', () => {
    const [x] = contestExchanges([ev('contest', null, '2026-03-03T09:00:00Z')]);
    expect(exchangeText(x!, () => '3 mars 2026')).toBe('Le 3 mars 2026, 1re contestation.');
  });
});
