import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { tooManyChecks } from './tooManyChecks';

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

  it('says a long wait in minutes, rounded up', () => {
    expect(tooManyChecks(refused({ code: 'rate_limited', retryAfterS: 600 })).description).toBe(
      'Réessayez dans 10 minutes.',
    );
    expect(tooManyChecks(refused({ code: 'rate_limited', retryAfterS: 61 })).description).toBe(
      'Réessayez dans 2 minutes.',
    );
    expect(tooManyChecks(refused({ code: 'rate_limited', retryAfterS: 60 })).description).toBe(
      'Réessayez dans 1 minute.',
    );
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
