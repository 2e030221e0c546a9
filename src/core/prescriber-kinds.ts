import { fold } from './french.js';

/**
 * The kinds of prescriber organisations a funder works with (issue 11, point 2): the
 * organisations that hand booklets to people. The code is what the database keeps; the
 * label is what people choose from, in the web app's list and in messages.
 */
export const PRESCRIBER_KINDS = [
  'mission_locale',
  'ccas',
  'france_travail',
  'association',
  'etablissement_scolaire',
  'mairie',
  'mediatheque',
  'autre',
] as const;

export type PrescriberKind = (typeof PRESCRIBER_KINDS)[number];

export const PRESCRIBER_KIND_LABELS: Record<PrescriberKind, string> = {
  mission_locale: 'Mission locale',
  ccas: 'CCAS (centre communal d’action sociale)',
  france_travail: 'France Travail',
  association: 'Association',
  etablissement_scolaire: 'Établissement scolaire',
  mairie: 'Mairie',
  mediatheque: 'Médiathèque',
  autre: 'Autre',
};

/** The label of a kind; organisations recorded before kinds existed have none. */
export function prescriberKindLabel(kind: string | null): string {
  return kind && kind in PRESCRIBER_KIND_LABELS
    ? PRESCRIBER_KIND_LABELS[kind as PrescriberKind]
    : 'Non précisé';
}

// What people write in the "type" column of their lists, beside the labels and codes.
const KIND_SPELLINGS: Record<string, PrescriberKind> = {
  'centre communal d action sociale': 'ccas',
  cias: 'ccas',
  'pole emploi': 'france_travail',
  asso: 'association',
  ecole: 'etablissement_scolaire',
  college: 'etablissement_scolaire',
  lycee: 'etablissement_scolaire',
  'lycee professionnel': 'etablissement_scolaire',
  commune: 'mairie',
  'hotel de ville': 'mairie',
  bibliotheque: 'mediatheque',
};

let spellings: Map<string, PrescriberKind> | undefined;

/**
 * The kind a person meant by « Mission locale », « CCAS », « Collège »… (case, accents and
 * punctuation do not matter), or undefined: a file's type column is read with it.
 */
export function prescriberKindFromText(text: string): PrescriberKind | undefined {
  spellings ??= new Map([
    ...PRESCRIBER_KINDS.map((k) => [fold(k), k] as const),
    ...PRESCRIBER_KINDS.map((k) => [fold(PRESCRIBER_KIND_LABELS[k]), k] as const),
    ...Object.entries(KIND_SPELLINGS).map(([s, k]) => [fold(s), k] as const),
  ]);
  return spellings.get(fold(text));
}
