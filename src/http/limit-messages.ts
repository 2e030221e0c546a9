import type { $ZodRawIssue } from 'zod/v4/core';
import { formatCount, formatEuros } from '../core/money.js';

const IDENTIFIER_MESSAGE =
  'Identifiant invalide : attendu celui que la plateforme donne (36 caractères, comme 0b9f4c1e-5d2a-4e8b-9c3f-7a6d5e4b3c21), à choisir dans une liste.';

/**
 * The words of a value past its limit, for the people who typed it: zod's French locale says
 * « Trop grand : nombre doit être <=10000000000000 », an amount in cents with a sign. Amounts
 * (fields ending in `Cents`) are said in euros, counts with their thousands; a field left out
 * is required. Other issues keep the locale's words (undefined).
 */
export function limitMessage(issue: $ZodRawIssue): string | undefined {
  // A field left out: the locale says « chaîne de caractères attendu, indéfini reçu ».
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined)
    return 'Ce champ est obligatoire.';
  // A value outside a short list: the locale's « Option invalide : une valeur parmi "a"|"b" attendue ».
  if (issue.code === 'invalid_value') return choiceMessage(issue.values);
  // A value of the wrong kind: the locale's « chaîne de caractères attendu, null reçu » gets
  // neither the gender nor the words of people right.
  if (issue.code === 'invalid_type') return typeMessage(issue.expected, issue.input);
  // The locale's « UUID invalide » names a format the people who read it do not know.
  if (issue.code === 'invalid_format' && issue.format === 'uuid') return IDENTIFIER_MESSAGE;
  if (issue.code !== 'too_big' && issue.code !== 'too_small') return undefined;
  const big = issue.code === 'too_big';
  const limit = Number(big ? issue.maximum : issue.minimum);
  if (!Number.isSafeInteger(limit)) return undefined;
  const field = String(issue.path?.at(-1) ?? '');
  switch (issue.origin) {
    case 'number':
    case 'int': {
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

const EXPECTED: Record<string, string> = {
  string: 'Texte attendu',
  number: 'Nombre attendu',
  int: 'Nombre entier attendu',
  boolean: 'Vrai ou faux attendu (true ou false)',
  object: 'Objet attendu',
  array: 'Liste attendue',
};

function choiceMessage(values: readonly unknown[]): string | undefined {
  if (values.length === 0 || values.length > 10) return undefined;
  const quoted = values.map((v) => `« ${String(v)} »`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} ou ${quoted.at(-1)}`;
  return `Valeur inconnue : ${list} attendu.`;
}

/** What came instead, and whether its word is feminine (« reçue »). */
function received(input: unknown): [string, boolean] {
  if (input === null) return ['valeur vide (null)', true];
  // A query parameter given twice, or text read as a number, arrives as NaN; 1e400 as Infinity.
  if (typeof input === 'number' && Number.isNaN(input)) return ['valeur non numérique', true];
  if (typeof input === 'number' && !Number.isFinite(input)) return ['nombre trop grand', false];
  if (Array.isArray(input)) return ['liste', true];
  switch (typeof input) {
    case 'string':
      return ['texte', false];
    case 'number':
      return ['nombre', false];
    case 'boolean':
      return ['vrai ou faux', false];
    case 'object':
      return ['objet', false];
    default:
      return [typeof input, false];
  }
}

function typeMessage(expected: unknown, input: unknown): string | undefined {
  const wanted = EXPECTED[String(expected)];
  if (!wanted) return undefined;
  const hint = input === null ? ' : donnez une valeur, ou omettez le champ s’il est facultatif' : '';
  const [word, feminine] = received(input);
  return `${wanted}, ${word} ${feminine ? 'reçue' : 'reçu'}${hint}.`;
}
