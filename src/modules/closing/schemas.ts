import { z } from 'zod';
import { ProgramPhase } from '../programs/schemas.js';
import { SituationDate } from '../statements/schemas.js';

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
    /** the funder's SIRET, as the call for funds names it (API 1.22.0) */
    funderSiret: z.string(),
    programName: z.string(),
    /** the last day passes may be used: until then the shares of the used value may grow (API 1.43.0) */
    usageEnd: z.string(),
    /** the deliberations in force at `asOf`, the founding one first (API 1.22.0) */
    deliberations: z.array(z.object({ body: z.string(), number: z.string(), decidedOn: z.string() })),
    asOf: z.string(),
    /** the day each share's `receivedCents` is read at: today (a call is made today; `asOf` is not later) */
    receivedAsOf: z.string(),
    usedCents: z.number(),
    shares: z.array(CofunderShare),
  })
  .meta({ id: 'CofunderSharesReport' });

/** The shares as of the end of a day: today or before, never a day to come. */
export const SharesQuery = z.object({ asOf: SituationDate.optional() });

export const CallForFundsQuery = z.object({
  cofunder: z.string().trim().min(1).max(200),
  asOf: SituationDate.optional(),
});

/** What the end step did with the passes never handed out: carried over, or refused and cancelled. */
export const CarryOverOutcome = z.object({
  to: z.string(),
  carriedOn: z.string(),
  passes: z.number(),
  activePasses: z.number(),
  valueCents: z.number(),
  refusal: z.string().nullable(),
});

export const ClosureSummary = z
  .object({
    programId: z.uuid(),
    asOf: z.string(),
    status: ProgramPhase,
    dates: z
      .object({
        usageEnd: z.string(),
        lateSessionDays: z.number(),
        lastRecordingDay: z.string(),
        finalStatementsOn: z.string(),
        reminderDays: z
          .array(z.string())
          .meta({ description: 'Reminders to the places, before the usage end' }),
        prescriberReminderDays: z
          .array(z.string())
          .meta({ description: 'Reminders to the prescribers holding passes, before the distribution end' }),
      })
      .nullable(),
    passesOn: z.string().meta({
      description:
        'The day the pass counts are of: today, whatever `asOf` (a pass keeps its state, not its history); the money is as of `asOf`.',
    }),
    passes: z.object({
      issued: z.number(),
      used: z.number(),
      expired: z.number(),
      cancelled: z.number(),
      outstanding: z.number(),
      notActivated: z.number(),
      carriedOut: z.number(),
      carriedIn: z.number(),
    }),
    money: z.object({
      fundedCents: z.number(),
      usedCents: z.number(),
      owedCents: z.number(),
      paidCents: z.number(),
      /** rests of transfers paid in part that the funder wrote off: used, never to be paid */
      writtenOffCents: z.number(),
      expiredCents: z.number(),
      cancelledCents: z.number(),
      outstandingCents: z.number(),
      unactivatedCents: z.number(),
      carriedOutCents: z.number(),
      carriedInCents: z.number(),
    }),
    carryOver: CarryOverOutcome.nullable(),
    received: z.array(
      z.object({ from: z.string(), carriedOn: z.string(), passes: z.number(), valueCents: z.number() }),
    ),
    byPayer: z.array(
      z.object({
        payer: z.string(),
        receivedCents: z.number(),
        /** its part of the money received but never activated, in proportion to what it paid */
        neverActivatedCents: z.number(),
        /** for a co-funder whose convention ties it to the passes used: its share of their value; else null */
        shareCents: z.number().nullable(),
        /**
         * what goes back to it: beyond its share for a co-funder tied to the passes used (API
         * 1.22.0), else its part of the money never activated
         */
        toReturnCents: z.number(),
      }),
    ),
  })
  .meta({ id: 'ClosureSummary' });

export const CarryOverView = z
  .object({
    programId: z.uuid(),
    stepOn: z.string().nullable(),
    open: z.boolean(),
    target: z.object({ name: z.string() }).nullable(),
    decidedAt: z.string().nullable(),
    /** `valueCents` is the value of the `activePasses` (funded); the others carry no money yet. */
    neverHandedOut: z.object({ passes: z.number(), activePasses: z.number(), valueCents: z.number() }),
    candidates: z.array(z.object({ name: z.string(), usageEnd: z.string() })),
    done: CarryOverOutcome.nullable(),
    /** Passes never handed out that the end of usage cancelled, none carried over; 0 before it (API 1.46.0). */
    cancelledAtEnd: z.number().int(),
  })
  .meta({ id: 'CarryOverView' });

/** The following programme chosen by its name, or null to withdraw the choice. */
export const CarryOverDecisionBody = z.object({ target: z.string().trim().min(1).max(200).nullable() });
