/**
 * Audiences (publics visés). An audience is a code the beneficiary's record keeps,
 * a label the agent chooses from, and optional age bounds in whole years checked
 * against the birth date on the day of the hand-out.
 *
 * Programmes recorded before audiences carried bounds hold bare codes; they are read
 * through `normaliseAudience`, which takes the label and bounds of the platform's
 * standard publics (those of the seed deliberations) when it knows the code, so that
 * a "18 to 25" public keeps meaning 18 to 25 without rewriting any deliberation.
 */
export interface Audience {
  code: string;
  label: string;
  /** Youngest age admitted, in whole years on the day of the hand-out; null: no lower bound. */
  minAge: number | null;
  /** Oldest age admitted (a 25-year-old is in « 18–25 » until the eve of 26); null: no upper bound. */
  maxAge: number | null;
}

/** What a request or an older deliberation may hold: a bare code, or an audience whose label and bounds may be left out. */
export type AudienceInput =
  | string
  | { code: string; label?: string | null; minAge?: number | null; maxAge?: number | null };

const std = (label: string, minAge: number | null = null, maxAge: number | null = null) => ({
  label,
  minAge,
  maxAge,
});

/** The standard publics of the seed deliberations (docs/domain.md); the list of a programme stays open. */
export const STANDARD_AUDIENCES: Record<string, Omit<Audience, 'code'>> = {
  demandeur_emploi: std('Demandeurs d’emploi'),
  senior_60_plus: std('Personnes de 60 ans et plus', 60),
  jeune_18_25_insertion: std('Jeunes de 18 à 25 ans en parcours d’insertion', 18, 25),
  jeune_18_30_formation_professionnelle: std('Jeunes de 18 à 30 ans en formation professionnelle', 18, 30),
  lyceen_experimentation: std('Lycéens (expérimentation)'),
  etudiant_sanitaire_social: std('Étudiants en formation sanitaire et sociale'),
  benevole_associatif: std('Bénévoles associatifs'),
  beneficiaire_rsa: std('Allocataires du RSA'),
  collegien: std('Collégiens'),
  jeune_ase: std('Jeunes de l’aide sociale à l’enfance'),
  personne_agee: std('Personnes âgées'),
  personne_handicapee: std('Personnes en situation de handicap'),
  fragilite_numerique: std('Personnes en fragilité numérique'),
};

/** Input as stored or sent → a full audience; anything malformed is left for validation to name. */
export function normaliseAudience(input: AudienceInput): Audience {
  if (typeof input === 'string') {
    const known = STANDARD_AUDIENCES[input];
    return {
      code: input,
      label: known?.label ?? input,
      minAge: known?.minAge ?? null,
      maxAge: known?.maxAge ?? null,
    };
  }
  if (typeof input !== 'object' || input === null) return input as unknown as Audience;
  const label = typeof input.label === 'string' && input.label.trim() !== '' ? input.label : undefined;
  return {
    code: input.code,
    label: label ?? STANDARD_AUDIENCES[input.code]?.label ?? input.code,
    minAge: input.minAge ?? null,
    maxAge: input.maxAge ?? null,
  };
}

/** A list in full form; a value that is not a list is returned as is, for validation to name. */
export function normaliseAudiences(list: readonly AudienceInput[]): Audience[] {
  return Array.isArray(list) ? list.map((a) => normaliseAudience(a)) : (list as unknown as Audience[]);
}

/** Age in whole years on `on` of a person born on `birthDate` (both YYYY-MM-DD); born 29 February: a year older on 1 March. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Null when a person of that age belongs to the audience, else a French sentence saying why not. */
export function ageProblem(audience: Audience, age: number): string | null {
  const { minAge, maxAge, label } = audience;
  if (minAge !== null && age < minAge)
    return `Le public « ${label} » est réservé aux personnes d'au moins ${minAge} ans ; la personne a ${age} ans.`;
  if (maxAge !== null && age > maxAge)
    return `Le public « ${label} » est réservé aux personnes d'au plus ${maxAge} ans ; la personne a ${age} ans.`;
  return null;
}
