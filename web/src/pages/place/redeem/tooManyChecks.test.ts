import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client';
import { guessesLeftWarning, tooManyChecks } from './tooManyChecks';

const GUESSES = 'Trop de codes inconnus ont été saisis : patientez quelques minutes avant de réessayer.';
const refused = (problem: Record<string, unknown>, detail = GUESSES) =>
  new ApiError(429, String(problem.code ?? 'http_429'), detail, [], problem);

/** A desk refused for too many unknown codes read its message twice, and never how long to wait. */
describe('tooManyChecks', () => {
  it('says the reason once and the wait the answer gives, in seconds', () => {
    const said = tooManyChecks(refused({ code: 'rate_limited', retryAfterS: 42 }));
    expect(said).toEqual({
      title: 'Trop de codes inconnus ont été saisis',
      description: 'Réessayez dans 42 secondes.',
    });
    expect(tooManyChecks(refused({ code: 'rate_limited', retryAfterS: 1 })).description).toBe(
      'Réessayez dans 1 seconde.',
    );
  });

  it('says when a lock of a minute or more ends, Paris time, rounded up to the minute', () => {
    // 10 h 32 min 30 s in Paris (winter, UTC+1).
    const now = Date.parse('2026-12-07T09:32:30Z');
    const at = (retryAfterS: number) =>
      tooManyChecks(refused({ code: 'rate_limited', retryAfterS }), now).description;
    expect(at(570)).toBe('Réessayez à 10\u00a0h\u00a042.');
    expect(at(600)).toBe('Réessayez à 10\u00a0h\u00a043.');
    expect(at(60)).toBe('Réessayez à 10\u00a0h\u00a034.');
    expect(
      tooManyChecks(refused({ code: 'rate_limited', retryAfterS: 1800 }), Date.parse('2026-12-07T07:45:00Z'))
        .description,
    ).toBe('Réessayez à 9\u00a0h\u00a015.');
  });

  it('counts the lock’s end from when the answer was first shown, not from a later render', () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-07T09:32:00Z') });
    try {
      const error = refused({ code: 'rate_limited', retryAfterS: 600 });
      expect(tooManyChecks(error).description).toBe('Réessayez à 10\u00a0h\u00a042.');
      vi.advanceTimersByTime(5 * 60_000);
      expect(tooManyChecks(error).description).toBe('Réessayez à 10\u00a0h\u00a042.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says « quelques minutes » once when the answer gives no wait', () => {
    const said = tooManyChecks(refused({ code: 'rate_limited' }));
    expect(said.description).toBe('Attendez quelques minutes avant de vérifier un autre code.');
    expect(`${said.title} ${said.description}`.match(/minutes/g)).toHaveLength(1);
  });

  it('gives the server’s own sentence for another limit, without adding a second one', () => {
    const said = tooManyChecks(refused({}, 'Trop de tentatives. Veuillez patienter avant de réessayer.'));
    expect(said).toEqual({
      title: 'Trop de vérifications',
      description: 'Trop de tentatives. Veuillez patienter avant de réessayer.',
    });
    expect(tooManyChecks(refused({ retryAfterS: 30 }, 'Trop de requêtes.')).description).toBe(
      'Trop de requêtes. Réessayez dans 30 secondes.',
    );
  });

  it('ignores a wait that is not a positive number', () => {
    for (const retryAfterS of ['30', -5, 0, Number.NaN, null])
      expect(tooManyChecks(refused({ code: 'rate_limited', retryAfterS })).description).toBe(
        'Attendez quelques minutes avant de vérifier un autre code.',
      );
  });
});

describe('guessesLeftWarning', () => {
  const unknown = (problem: Record<string, unknown>) =>
    new ApiError(404, 'unknown_code', 'Code inconnu.', [], { code: 'unknown_code', ...problem });

  it('warns a desk of the unknown codes left before the whole place is locked', () => {
    expect(guessesLeftWarning(unknown({ guessesLeft: 5 }))).toBe(
      'Attention : encore 5 codes inconnus possibles dans les 10 minutes, puis la vérification sera bloquée pour tout le lieu.',
    );
    expect(guessesLeftWarning(unknown({ guessesLeft: 1 }))).toBe(
      'Attention : encore 1 code inconnu possible dans les 10 minutes, puis la vérification sera bloquée pour tout le lieu.',
    );
    expect(guessesLeftWarning(unknown({ guessesLeft: 0 }))).toBe(
      'Attention : trop de codes inconnus ont été saisis dans les 10 minutes, la vérification est maintenant bloquée pour tout le lieu.',
    );
  });

  it('says nothing while many are left (the answer gives none) or for a count that is not one', () => {
    for (const guessesLeft of [undefined, -1, 2.5, '3', null])
      expect(guessesLeftWarning(unknown({ guessesLeft }))).toBeNull();
  });
});
