import { z } from 'zod';
import { PRESCRIBER_KINDS } from '../../core/prescriber-kinds.js';

export const FUNDER_KINDS = ['region', 'departement', 'epci', 'syndicat_mixte', 'commune', 'other'] as const;
export const TERRITORY_LEVELS = ['region', 'departement', 'epci', 'commune'] as const;

export const TerritoryRefInput = z.object({
  level: z.enum(TERRITORY_LEVELS),
  code: z.string().trim().min(2).max(9),
});

export const Territory = TerritoryRefInput.extend({ name: z.string() });

export const Funder = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(FUNDER_KINDS),
    siret: z.string(),
    territory: z.array(Territory),
  })
  .meta({ id: 'Funder' });

export const CreateFunderBody = z.object({
  name: z.string().trim().min(2).max(200),
  kind: z.enum(FUNDER_KINDS),
  siret: z.string().trim().max(20),
  territory: z.array(TerritoryRefInput).min(1).max(500),
  firstAdminEmail: z.email().max(254),
});

export const CreateFunderResult = z.object({ funder: Funder, invitationUrl: z.string() });

export const FunderParams = z.object({ funderId: z.uuid() });

export type CreateFunderInput = z.infer<typeof CreateFunderBody>;

export const CommuneQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'Caractères de contrôle interdits.'),
});

export const CommuneResult = z
  .object({
    code: z.string(),
    name: z.string(),
    postcodes: z.array(z.string()),
    departement: z.string(),
  })
  .meta({ id: 'Commune' });

/** A prescriber organisation as a funder creates it (issue 11, point 2). */
export const CreatePrescriberBody = z.object({
  name: z
    .string({ error: 'Indiquez le nom de la structure.' })
    .trim()
    .min(2, { error: 'Le nom de la structure doit compter au moins 2 caractères.' })
    .max(200, { error: 'Le nom de la structure compte au plus 200 caractères.' }),
  kind: z.enum(PRESCRIBER_KINDS, { error: 'Choisissez le type de structure dans la liste.' }),
  /** Optional; checked (14 digits, check digit) when given. Spaces and dots are allowed. */
  siret: z
    .string({ error: 'Le SIRET doit être un texte de 14 chiffres.' })
    .trim()
    .max(20, { error: 'Le SIRET compte 14 chiffres.' })
    .nullish(),
  /** The INSEE code of a current commune, chosen through GET /communes. */
  communeCode: z
    .string({ error: 'Choisissez la commune de la structure.' })
    .trim()
    .min(1, { error: 'Choisissez la commune de la structure.' })
    .max(9, { error: 'Choisissez la commune de la structure dans la liste.' }),
});

export type CreatePrescriberInput = z.infer<typeof CreatePrescriberBody>;

/**
 * A place the funder works with. Its SIRET is what makes it one place across funders: a
 * place already on another funder's roster joins this one's, with its history.
 */
export const CreatePlaceBody = z.object({
  name: z
    .string({ error: 'Indiquez le nom du lieu.' })
    .trim()
    .min(2, { error: 'Le nom du lieu doit compter au moins 2 caractères.' })
    .max(200, { error: 'Le nom du lieu compte au plus 200 caractères.' }),
  siret: z
    .string({ error: 'Indiquez le SIRET du lieu (14 chiffres).' })
    .trim()
    .min(1, { error: 'Indiquez le SIRET du lieu (14 chiffres).' })
    .max(20, { error: 'Le SIRET compte 14 chiffres.' }),
  communeCode: CreatePrescriberBody.shape.communeCode,
});
export type CreatePlaceInput = z.infer<typeof CreatePlaceBody>;

export const RosterPlace = z
  .object({
    id: z.uuid(),
    name: z.string(),
    siret: z.string().nullable(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    /** true when the place was already on the platform, working with another funder */
    shared: z.boolean(),
  })
  .meta({ id: 'RosterPlace' });

export const Prescriber = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** null for prescribers recorded before kinds existed */
    kind: z.enum(PRESCRIBER_KINDS).nullable(),
    siret: z.string().nullable(),
    communeCode: z.string().nullable(),
    /** the commune's official name, for display */
    communeName: z.string().nullable(),
  })
  .meta({ id: 'Prescriber' });
