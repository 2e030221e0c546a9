import { z } from 'zod';

export const AuditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditPage = z.object({
  entries: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actorEmail: z.string().nullable(),
      action: z.string(),
      objectType: z.string(),
      objectId: z.string().nullable(),
      summary: z.record(z.string(), z.unknown()),
    }),
  ),
  nextBefore: z.number().nullable(),
});
