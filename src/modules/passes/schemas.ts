import { z } from 'zod';
import { IsoDate } from '../programs/schemas.js';

export const IssueBody = z.object({
  bookletCount: z.number().int().min(1).max(200_000),
  bookletSize: z.union([z.literal(5), z.literal(10)], { error: 'Taille de carnet : 5 ou 10 pass.' }),
  envelopeId: z.uuid().nullish(),
  issuedOn: IsoDate.optional(),
  backdateReason: z.string().trim().max(500).nullish(),
});

export const IssueResult = z.object({
  batchId: z.uuid(),
  passes: z.number(),
  activatedPasses: z.number(),
  firstSerial: z.string(),
  lastSerial: z.string(),
});

export const ProgramIssue = z.object({
  batchId: z.uuid(),
  issuedOn: z.iso.date(),
  bookletCount: z.number().int(),
  bookletSize: z.number().int(),
  passes: z.number().int(),
  envelopeName: z.string().nullable(),
  issuedBy: z.string().nullable().meta({ description: 'Who issued it (null: the operator’s tools)' }),
  firstSerial: z.string(),
  lastSerial: z.string(),
});

export const BatchParams = z.object({ programId: z.uuid(), batchId: z.uuid() });
