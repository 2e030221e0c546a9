import { z } from 'zod';
import { MAX_AMOUNT_CENTS } from '../../core/money.js';
import { IsoDate } from '../programs/schemas.js';

export const FundingBody = z.object({
  payer: z.string().trim().min(1).max(200),
  amountCents: z.number().int().min(1).max(MAX_AMOUNT_CENTS),
  receivedOn: IsoDate.optional(),
  backdateReason: z.string().trim().max(500).nullish(),
  reference: z.string().trim().min(1).max(200),
  /** Taking a payer past its share of the budget needs this explicit confirmation. */
  confirmOverShare: z.boolean().optional(),
  /**
   * Recording a funding identical to one not cancelled (same payer, amount, date received and
   * reference) needs this explicit confirmation: a form submitted twice is refused otherwise.
   */
  confirmDuplicate: z.boolean().optional(),
});

export const ReversalBody = z.object({ reason: z.string().trim().min(1).max(1000) });

export const FundingParams = z.object({ programId: z.uuid(), fundingId: z.uuid() });

export const Payer = z
  .object({ name: z.string(), shareCents: z.number(), receivedCents: z.number() })
  .meta({ id: 'Payer' });

export const Funding = z
  .object({
    id: z.uuid(),
    payer: z.string(),
    amountCents: z.number(),
    receivedOn: z.string(),
    reference: z.string(),
    reversal: z
      .object({
        reason: z.string(),
        reversedOn: z.string(),
        deactivatedPasses: z.number(),
        /** Taken back from passes cancelled or expired, once none circulates (API 1.8.0). */
        reclaimedCents: z.number(),
      })
      .nullable(),
  })
  .meta({ id: 'Funding' });

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
      /** Activated value carried over to a following programme: activated = outstanding + redeemed + expired + cancelled + carried out (API 1.19.0). */
      carriedOutCents: z.number(),
      /** Value received with passes carried from a previous programme: funded + carried in = unactivated + activated (API 1.19.0). */
      carriedInCents: z.number(),
      byPayer: z.array(z.object({ payer: z.string(), amountCents: z.number() })),
    }),
    passes: z.array(z.object({ status: z.string(), n: z.number() })),
    fundings: z.array(Funding),
  })
  .meta({ id: 'FinanceSummary' });

export const FundingResult = FinanceSummary.extend({ fundingId: z.uuid(), activatedPasses: z.number() });

export const ReversalResult = FinanceSummary.extend({
  reversalId: z.uuid(),
  deactivatedPasses: z.number(),
  reclaimedCents: z.number(),
});
