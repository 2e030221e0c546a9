import { z } from 'zod';
import { IsoDate } from '../programs/schemas.js';

export const CofunderShare = z
  .object({
    name: z.string(),
    basis: z.enum(['used', 'budget']),
    usedShareBps: z.number().nullable(),
    budgetCents: z.number(),
    usedCents: z.number(),
    owedCents: z.number(),
    capped: z.boolean(),
    receivedCents: z.number(),
    balanceCents: z.number(),
  })
  .meta({ id: 'CofunderShare' });

export const SharesReport = z
  .object({
    programId: z.uuid(),
    funderId: z.uuid(),
    funderName: z.string(),
    programName: z.string(),
    asOf: z.string(),
    usedCents: z.number(),
    shares: z.array(CofunderShare),
  })
  .meta({ id: 'CofunderSharesReport' });

export const CallForFundsQuery = z.object({
  cofunder: z.string().trim().min(1).max(200),
  asOf: IsoDate.optional(),
});
