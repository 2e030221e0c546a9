import { z } from 'zod';
import { DESCRIPTION_MAX, SUMMARY_MAX } from '../../core/place-standard.js';
import { multilineText } from '../../http/text-fields.js';
import { Session } from '../auth/schemas.js';

/*
 * The shapes only, with French messages: what the values mean (a SIRET, a commune, hours in
 * OpenStreetMap syntax, labels of the standard) is checked by the service, which names every
 * bad field at once.
 */
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} : saisissez un texte.` })
    .trim()
    .max(max, { error: `${label} : au plus ${max} caractères.` });
const optionalText = (label: string, max: number) => text(label, max).nullish();
const labels = (label: string) =>
  z.array(z.string({ error: `${label} : choisissez dans la liste.` }).max(200), {
    error: `${label} : choisissez dans la liste.`,
  });
const degrees = (label: string) =>
  z.number({ error: `${label} : saisissez un nombre en degrés décimaux.` }).nullish();

/** The place's name and commune (kept on the organisation) and its description in the standard. */
export const ProfileFields = z.object({
  name: text('Nom du lieu', 200),
  communeCode: text('Commune', 5),
  address: text('Adresse', 300),
  addressComplement: optionalText("Complément d'adresse", 300),
  postcode: text('Code postal', 5),
  latitude: degrees('Latitude'),
  longitude: degrees('Longitude'),
  openingHours: optionalText("Horaires d'ouverture", 500),
  services: labels('Services'),
  publics: labels('Publics accueillis').default([]),
  specificSupport: labels('Prise en charge spécifique').default([]),
  accessModes: labels("Modalités d'accès").default([]),
  supportModes: labels("Modalités d'accompagnement").default([]),
  fees: labels('Frais à charge').default([]),
  phone: optionalText('Téléphone', 30),
  email: optionalText('Courriel', 254),
  website: optionalText('Site internet', 500),
  accessibilityUrl: optionalText('Fiche Acceslibre', 500),
  summary: optionalText('Présentation courte', SUMMARY_MAX),
  description: multilineText(DESCRIPTION_MAX).nullish(),
});
export type ProfileInput = z.infer<typeof ProfileFields>;

const FunderIds = z.array(z.string().max(40), { error: 'Financeurs : choisissez dans la liste.' });

export const RegistrationBody = ProfileFields.extend({
  siret: text('SIRET', 20),
  funderIds: FunderIds,
  admin: z.object({
    displayName: text('Votre nom', 200).min(1, { error: 'Votre nom : indiquez-le.' }),
    email: text('Votre adresse électronique', 254),
    password: z.string({ error: 'Mot de passe : saisissez-le.' }).max(200),
  }),
});
export type RegistrationInput = z.infer<typeof RegistrationBody>;

/** Another site of the structure, added by its admin: described as a registration, of the same SIRET. */
export const SiteBody = ProfileFields.extend({ funderIds: FunderIds });
export type SiteInput = z.infer<typeof SiteBody>;

export const Registered = Session.extend({ placeId: z.uuid() });

/** On a server that sends e-mail: the registration waits for the link sent to the admin's address. */
export const RegistrationPending = z.object({
  sentByEmail: z.literal(true),
  message: z.string(),
});

export const RegistrationConfirmBody = z.object({
  token: z.string({ error: 'Lien : ouvrez celui du courriel reçu.' }).min(1).max(200),
});

export const Profile = z
  .object({
    address: z.string(),
    addressComplement: z.string().nullable(),
    postcode: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    openingHours: z.string().nullable(),
    services: z.array(z.string()),
    publics: z.array(z.string()),
    specificSupport: z.array(z.string()),
    accessModes: z.array(z.string()),
    supportModes: z.array(z.string()),
    fees: z.array(z.string()),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    accessibilityUrl: z.string().nullable(),
    summary: z.string().nullable(),
    description: z.string().nullable(),
    updatedAt: z.date(),
  })
  .meta({ id: 'PlaceProfile' });

/** The place as its people see it: `profile` is null until someone completes it. */
export const PlaceWithProfile = z
  .object({
    placeId: z.uuid(),
    name: z.string(),
    siret: z.string().nullable(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    profile: Profile.nullable(),
  })
  .meta({ id: 'PlaceWithProfile' });

export const PublicFunders = z.object({ funders: z.array(z.object({ id: z.uuid(), name: z.string() })) });

/** The commune of the place being registered or added (its INSEE code), once the form has one. */
export const PublicFundersQuery = z.object({
  commune: z.string().trim().max(5, { error: 'Commune : un code INSEE de 5 caractères.' }).optional(),
});
