import { z } from 'zod';

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
