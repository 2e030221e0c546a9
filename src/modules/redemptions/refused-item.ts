import { DomainError } from '../../core/errors.js';
import { pgCodeOf } from '../../db/sqlstate.js';
import type { RedeemCall } from './repo.js';

const TEXT_FIELDS = ['nonce', 'code', 'theme', 'format'] as const;
// PostgreSQL stores no NUL in text; the other control characters it stores as they are.
const UNSTORABLE = /\u0000/;

/** Which of the request's fields a constraint of the redemptions table names. */
const CONSTRAINT_FIELDS: Record<string, string> = {
  redemptions_duration: 'durationMinutes',
  redemptions_format: 'format',
};

/**
 * A redemption PostgreSQL refused because of what it carries (a NUL in the nonce, a value
 * a constraint forbids, a nonce too long for its index), as the 422 problem of that
 * request alone. The routes' schemas refuse such values first; this holds for any caller.
 * Returns undefined for anything else, which stays a fault.
 */
export function refusedByDatabase(error: unknown, call: RedeemCall): DomainError | undefined {
  const code = pgCodeOf(error) ?? '';
  let field: string | undefined;
  let message = 'Cette valeur ne peut pas être enregistrée.';
  if (code.startsWith('22')) {
    field = TEXT_FIELDS.find((f) => UNSTORABLE.test(call[f]));
    message = 'Cette valeur contient un caractère qui ne peut pas être enregistré (caractère nul).';
  } else if (code === '23514') {
    field = CONSTRAINT_FIELDS[(error as { constraint?: string }).constraint ?? ''];
  } else if (code === '54000') {
    field = 'nonce';
    message = 'Cette valeur est trop longue.';
  } else {
    return undefined;
  }
  return new DomainError('validation_failed', 'Certaines données sont invalides.', [
    { field: field ?? 'body', message },
  ]);
}
