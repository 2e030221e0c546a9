import { z } from 'zod';
import { isIsoDate } from '../../core/dates.js';
import { MAX_AMOUNT_CENTS } from '../../core/money.js';
import { MAX_LATE_SESSION_DAYS } from '../../core/program/changes.js';
import { multilineText } from '../../http/text-fields.js';
import { TerritoryRefInput } from '../funders/schemas.js';

/** A business date; `format: date` tells the OpenAPI document's readers (and the generated-input test). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, {
    error: 'Date attendue au format AAAA-MM-JJ (par exemple 2024-12-31).',
    abort: true,
  })
  // Well written, yet no day of the calendar (« 2026-02-30 »): said as such, not as a format.
  .refine(isIsoDate, { error: 'Cette date n’existe pas dans le calendrier.' })
  .meta({ format: 'date' });
const Cents = z.number().int().min(0).max(MAX_AMOUNT_CENTS);
const Count = z.number().int().min(0).max(100_000_000);
const Bps = z.number().int().min(0).max(10_000);

export const PROGRAM_STATUSES = ['draft', 'active', 'suspended', 'closed'] as const;

export const Calendar = z.object({
  distributionStart: IsoDate,
  distributionEnd: IsoDate,
  usageEnd: IsoDate,
  closure: IsoDate.nullable(),
});

export const Budget = z.object({
  lines: z
    .array(
      z.object({
        kind: z.enum(['acquisition', 'engineering', 'other']),
        label: z.string().trim().min(1).max(200),
        amountCents: Cents,
      }),
    )
    .max(50),
  cofunders: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(200),
        amountCents: Cents.optional(),
        shareBps: Bps.optional(),
        /** The convention's rule: this share of the value of passes used (absent: its part of the budget). */
        usedShareBps: Bps.nullable().optional(),
      }),
    )
    .max(20),
  phasing: z.array(z.object({ year: z.number().int().min(2000).max(2100), amountCents: Cents })).max(50),
  engineeringCeilingBps: Bps.nullable(),
});

const Age = z.number().int().min(0).max(120);

/** An audience as the programme shows it: code kept on the beneficiary's record, label, age bounds. */
export const Audience = z
  .object({
    code: z.string().trim().min(1).max(80),
    label: z.string().trim().min(1).max(200),
    minAge: Age.nullable(),
    maxAge: Age.nullable(),
  })
  .meta({ id: 'Audience' });

/** As a request may give it: a bare code (a standard public keeps its label and bounds), or an audience. */
export const AudienceInput = z.union([
  z.string().trim().min(1).max(80),
  Audience.extend({
    label: z.string().trim().min(1).max(200).nullish(),
    minAge: Age.nullish(),
    maxAge: Age.nullish(),
  }),
]);

const PassesPerBeneficiary = z.number().int().min(1).max(10_000).nullable();

export const ProgramState = z
  .object({
    name: z.string().trim().min(1).max(200),
    faceValueCents: z.number().int().min(1).max(1_000_000),
    bookletSizes: z
      .array(z.union([z.literal(5), z.literal(10)]))
      .min(1)
      .max(2),
    plannedPasses: Count,
    audiences: z.array(Audience).max(50),
    passesPerBeneficiary: PassesPerBeneficiary,
    calendar: Calendar,
    /** Days after the usage end a place may still record a session given before it (default 31). */
    lateSessionDays: z.number().int().min(0).max(MAX_LATE_SESSION_DAYS),
    reportingDeadlines: z
      .array(z.object({ label: z.string().trim().min(1).max(200), dueOn: IsoDate }))
      .max(50),
    budget: Budget,
    status: z.enum(PROGRAM_STATUSES),
  })
  .meta({ id: 'ProgramState' });

/** A full state as a creation request gives it: audiences may be bare codes, the allowance may be left out. */
export const ProgramStateInput = ProgramState.extend({
  audiences: z.array(AudienceInput).max(50),
  passesPerBeneficiary: PassesPerBeneficiary.optional(),
  lateSessionDays: z.number().int().min(0).max(MAX_LATE_SESSION_DAYS).optional(),
});

export const ProgramChanges = ProgramState.omit({ calendar: true, budget: true })
  .partial()
  .extend({
    audiences: z.array(AudienceInput).max(50).optional(),
    calendar: Calendar.partial().optional(),
    budget: Budget.partial().optional(),
  })
  .strict()
  .meta({ id: 'ProgramChanges' });

export const LegalReference = z
  .object({
    body: z.string().trim().min(1).max(200),
    number: z.string().trim().min(1).max(100),
    decidedOn: IsoDate,
    votesFor: Count.nullable(),
    votesAgainst: Count.nullable(),
    abstentions: Count.nullable(),
    text: multilineText(5000),
  })
  .meta({ id: 'LegalReference' });

export const CreateProgramBody = z.object({
  effectiveOn: IsoDate,
  legal: LegalReference,
  state: ProgramStateInput,
});
export const AmendmentBody = z.object({
  effectiveOn: IsoDate,
  legal: LegalReference,
  changes: ProgramChanges,
  /** A rectifying deliberation: the id of the amendment it supersedes (it then counts at no date). */
  rectifies: z.uuid().optional(),
  /**
   * Moving the usage end earlier, to a day already past, cancels the passes never handed out at
   * the next hourly run: refused with `usage_end_in_past`, which says what would happen, unless
   * confirmed here.
   */
  confirmPastUsageEnd: z.boolean().optional(),
  /**
   * Cutting a payer's share of the budget below what it has already paid (the difference owed
   * back at the closure): refused with `share_below_paid`, which names the payers and the
   * amounts, unless confirmed here.
   */
  confirmShareBelowPaid: z.boolean().optional(),
});

export const TimelineEntry = z
  .object({
    id: z.uuid(),
    kind: z.enum(['creation', 'amendment']),
    effectiveOn: z.string(),
    legal: LegalReference,
    changes: z.record(z.string(), z.unknown()),
    changedFields: z.array(z.string()),
    rectifies: z.uuid().nullable(),
    supersededBy: z.uuid().nullable(),
    /** changed fields that a deliberation decided later sets again for the same day: never in force */
    overridden: z.array(z.object({ field: z.string(), by: z.uuid() })),
  })
  .meta({ id: 'TimelineEntry' });

export const EnvelopeBody = z.object({
  name: z.string().trim().min(1).max(120),
  cap: Count,
  effectiveOn: IsoDate,
  territory: z.array(TerritoryRefInput).max(500).default([]),
});

export const Envelope = z
  .object({
    id: z.uuid(),
    name: z.string(),
    cap: z.number(),
    effectiveOn: z.string(),
    /** name and label: « Meuse (55) — département » (absent from the answer to its creation) */
    territory: z.array(
      TerritoryRefInput.extend({ name: z.string().optional(), label: z.string().optional() }),
    ),
  })
  .meta({ id: 'Envelope' });

export const BudgetView = z
  .object({
    totalCents: z.number(),
    byKind: z.object({ acquisition: z.number(), engineering: z.number(), other: z.number() }),
    lines: z.array(
      z.object({ kind: z.string(), label: z.string(), amountCents: z.number(), shareBps: z.number() }),
    ),
    cofunders: z.array(z.object({ name: z.string(), amountCents: z.number(), shareBps: z.number() })),
    cofundedCents: z.number(),
    funderRemainderCents: z.number(),
    funderShareBps: z.number(),
    overfunded: z.boolean(),
    engineeringCents: z.number(),
    engineeringShareBps: z.number(),
    engineeringCeilingBps: z.number().nullable(),
    engineeringWithinCeiling: z.boolean().nullable(),
    phasing: z.array(z.object({ year: z.number(), amountCents: z.number() })),
    phasingTotalCents: z.number(),
    phasingMatchesTotal: z.boolean(),
    passesValueCents: z.number(),
    acquisitionCoversPasses: z.boolean(),
  })
  .meta({ id: 'BudgetView' });

/** The status as of `asOf`, derived from the calendar and amendments (core/program/status.ts). */
export const ProgramPhase = z
  .enum(['upcoming', 'running', 'distribution_closed', 'usage_closed', 'closed', 'suspended'])
  .meta({ id: 'ProgramPhase' });

export const ProgramSummary = z.object({
  id: z.uuid(),
  funderId: z.uuid(),
  asOf: z.string(),
  /** As of `asOf`, or as of `startsOn` for a programme that has not started: never empty. */
  name: z.string(),
  /** The day the programme takes effect (its founding deliberation's effective date). */
  startsOn: IsoDate,
  state: ProgramState.nullable(),
  status: ProgramPhase,
});

export const ProgramView = ProgramSummary.extend({
  timeline: z.array(TimelineEntry),
  envelopes: z.array(Envelope),
  allEnvelopes: z.array(Envelope),
  budget: BudgetView.nullable(),
}).meta({ id: 'ProgramView' });

export const ProgramParams = z.object({ programId: z.uuid() });
export const AsOfQuery = z.object({ asOf: IsoDate.optional() });
