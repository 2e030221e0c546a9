import { z } from 'zod';
import { MAX_AMOUNT_CENTS } from '../../core/money.js';
import { IsoDate } from '../programs/schemas.js';

export const FundingBody = z.object({
  payer: z.string().trim().min(1).max(200),
  amountCents: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
  receivedOn: IsoDate,
  reference: z.string().trim().min(1).max(200),
});

export const FinanceSummary = z
  .object({
    balances: z.object({
      fundedCents: z.number(),
      unactivatedCents: z.number(),
      activatedCents: z.number(),
      outstandingCents: z.number(),
      redeemedCents: z.number(),
      expiredCents: z.number(),
      cancelledCents: z.number(),
      byPayer: z.array(z.object({ payer: z.string(), amountCents: z.number() })),
    }),
    passes: z.array(z.object({ status: z.string(), n: z.number() })),
  })
  .meta({ id: 'FinanceSummary' });

export const FundingResult = FinanceSummary.extend({ fundingId: z.uuid(), activatedPasses: z.number() });
