import { isValidSiret } from '../core/siret.js';
import { TEST_PASSWORD } from './accounts.js';

/** A SIRET with a valid check digit (Luhn), from 13 digits. */
export function siretFrom(first13: string): string {
  for (let d = 0; d < 10; d++) if (isValidSiret(`${first13}${d}`)) return `${first13}${d}`;
  throw new Error('no check digit fits');
}

/**
 * A place's registration form as a person fills it in, numbered `serial` (its name, SIRET and
 * admin's address differ from every other serial's), for the funders given.
 */
export function registrationForm(
  serial: number,
  funderIds: string[],
  overrides: Record<string, unknown> = {},
) {
  return {
    name: `Espace numérique n° ${serial}`,
    siret: siretFrom(`4410${String(serial).padStart(9, '0')}`),
    communeCode: '80021',
    address: '12 rue des Trois Cailloux',
    addressComplement: null,
    postcode: '80000',
    latitude: 49.894,
    longitude: 2.2957,
    openingHours: 'Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00',
    services: ['Aide aux démarches administratives', 'Accès internet et matériel informatique'],
    publics: ['Seniors'],
    specificSupport: [],
    accessModes: ['Se présenter', 'Téléphoner'],
    supportModes: ['Accompagnement individuel'],
    fees: ['Gratuit'],
    phone: '03 22 00 00 00',
    email: 'contact@espace.test',
    website: 'https://espace.test',
    accessibilityUrl: null,
    summary: 'Un espace public numérique au cœur de la ville.',
    description: null,
    funderIds,
    admin: { displayName: 'Nadia Bensaïd', email: `nadia${serial}@espace.test`, password: TEST_PASSWORD },
    ...overrides,
  };
}
