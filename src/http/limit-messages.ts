import type { $ZodRawIssue } from 'zod/v4/core';
import { formatCount, formatEuros } from '../core/money.js';

/**
 * The words of a value past its limit, for the people who typed it: zod's French locale says
 * « Trop grand : nombre doit être <=10000000000000 », an amount in cents with a sign. Amounts
 * (fields ending in `Cents`) are said in euros, counts with their thousands; a field left out
 * is required. Other issues keep the locale's words (undefined).
 */
export function limitMessage(issue: $ZodRawIssue): string | undefined {
  // A field left out: the locale says « chaîne de caractères attendu, indéfini reçu ».
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Ce champ est obligatoire.';
  if (issue.code !== 'too_big' && issue.code !== 'too_small') return undefined;
  const big = issue.code === 'too_big';
  const limit = Number(big ? issue.maximum : issue.minimum);
  if (!Number.isSafeInteger(limit)) return undefined;
  const field = String(issue.path?.at(-1) ?? '');
  switch (issue.origin) {
    case 'number': {
      const value = field.endsWith('Cents') ? formatEuros(limit) : formatCount(limit);
      if (issue.inclusive !== false) return `${big ? 'Au plus' : 'Au moins'} ${value}.`;
      return `${big ? 'Doit être inférieur à' : 'Doit être supérieur à'} ${value}.`;
    }
    case 'string':
      if (!big && limit === 1) return 'Ce champ est obligatoire.';
      return `${big ? 'Au plus' : 'Au moins'} ${formatCount(limit)} caractère${limit > 1 ? 's' : ''}.`;
    case 'array':
    case 'set':
      if (!big && limit === 1) return 'Choisissez-en au moins un.';
      return `${big ? 'Au plus' : 'Au moins'} ${formatCount(limit)} élément${limit > 1 ? 's' : ''}.`;
    default:
      return undefined;
  }
}
