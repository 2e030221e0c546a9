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
