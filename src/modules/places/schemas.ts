import { z } from 'zod';

export const PlaceParams = z.object({ placeId: z.uuid() });
export const KeyParams = PlaceParams.extend({ keyId: z.uuid() });

export const ApiKey = z
  .object({
    id: z.uuid(),
    label: z.string(),
    prefix: z.string(),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const CreateKeyBody = z.object({ label: z.string().trim().min(1).max(100) });
/** The full key appears in this answer only; the platform keeps a hash. */
export const CreatedKey = ApiKey.extend({ key: z.string() });

export const ProgramPlaceParams = z.object({ programId: z.uuid(), placeId: z.uuid() });
export const ProgramPlace = z.object({ placeId: z.uuid(), name: z.string(), acceptedOn: z.string() });
