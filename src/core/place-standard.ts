/**
 * The lists of labels of the national standard of places of digital mediation (schéma des
 * lieux de médiation numérique), as its models define them (@gouvfr-anct/lieux-de-mediation-
 * numerique, checked against them in place-standard.test.ts). Copied rather than imported so
 * that the web app's forms offer them without the standard's library in their bundle. The
 * nine services are core/session.ts STANDARD_SERVICES.
 */
export const STANDARD_PUBLICS = [
  'Jeunes',
  'Étudiants',
  'Familles et/ou enfants',
  'Seniors',
  'Femmes',
] as const;

export const STANDARD_SPECIFIC_SUPPORT = [
  'Surdité',
  'Handicaps moteurs',
  'Handicaps mentaux',
  'Illettrisme',
  'Langues étrangères (anglais)',
  'Langues étrangères (autres)',
  'Déficience visuelle',
] as const;

export const STANDARD_ACCESS_MODES = [
  'Se présenter',
  'Téléphoner',
  'Contacter par mail',
  'Envoyer un mail avec une fiche de prescription',
  'Prendre un RDV en ligne',
  "Ce lieu n'accueille pas de public",
] as const;

export const STANDARD_SUPPORT_MODES = [
  'En autonomie',
  'Accompagnement individuel',
  'Dans un atelier collectif',
  'À distance',
] as const;

export const STANDARD_FEES = ['Gratuit', 'Gratuit sous condition', 'Payant'] as const;

/** A short presentation ("résumé" of the standard) and the longer one. */
export const SUMMARY_MAX = 280;
export const DESCRIPTION_MAX = 2000;

/** A web page's address as the standard's `site_web` takes it; the web form says it before sending. */
export function isWebAddress(v: string): boolean {
  try {
    const url = new URL(v);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}
