import { z } from 'zod';
import { STANDARD_COLUMNS } from './standard.js';

export const FunderParams = z.object({ funderId: z.uuid() });
export const ImportParams = FunderParams.extend({ importId: z.uuid() });

/** A place in the national standard of places of digital mediation: its columns, as text or numbers. */
export const StandardPlace = z
  .object(Object.fromEntries(STANDARD_COLUMNS.map((c) => [c, z.union([z.string(), z.number()]).optional()])))
  .meta({ id: 'LieuMediationNumerique' });

export const StartImportQuery = z.object({
  dryRun: z.enum(['true', 'false'], { error: 'dryRun vaut true ou false.' }).default('false'),
  fileName: z.string().trim().max(200).default('fichier'),
});

const Status = z.enum(['created', 'updated', 'unchanged', 'rejected']);
const Counts = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
});
const Problem = z.object({ field: z.string(), reason: z.string() });

export const ImportLine = z.object({
  line: z.number(),
  status: Status,
  externalId: z.string().nullable(),
  name: z.string().nullable(),
  placeId: z.uuid().optional(),
  field: z.string().optional(),
  reason: z.string().optional(),
  notes: z.array(Problem),
});

export const ImportJob = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    dryRun: z.boolean(),
    status: z.enum(['running', 'done', 'failed']),
    expected: z.number(),
    processed: z.number(),
    counts: Counts,
    lines: z.array(ImportLine),
    error: z.string().nullable(),
  })
  .meta({ id: 'PlaceImport' });
