import { z } from 'zod';
import { IsoDate } from '../programs/schemas.js';
import { StatementSummary } from '../statements/schemas.js';

const Row = z.object({
  envelopeId: z.uuid().nullable(),
  name: z.string(),
  planned: z.number(),
  issued: z.number(),
  activated: z.number(),
  allocated: z.number(),
  handedOut: z.number(),
  redeemed: z.number(),
  expired: z.number(),
  cancelled: z.number(),
  outstanding: z.number(),
  remaining: z.number(),
});

export const Dashboard = z
  .object({
    asOf: z.string(),
    rows: z.array(Row),
    total: Row,
    byMonth: z.array(z.object({ month: z.string(), redemptions: z.number(), valueCents: z.number() })).meta({
      description:
        'Passes used by month of their session, every month from the first to the last, those without a use too.',
    }),
    unusualDays: z
      .array(
        z.object({
          placeId: z.uuid(),
          placeName: z.string(),
          day: z.string().meta({ description: 'The day the redemptions were recorded (Paris).' }),
          redemptions: z.number().int(),
          usualPerDay: z.number().nullable().meta({
            description:
              'The place’s average per day of activity over the 28 days before; null when it redeemed none then.',
          }),
        }),
      )
      .meta({
        description:
          'The last 28 days when a place redeemed at least `unusualDayRule.minimum` of the programme’s passes and more than `unusualDayRule.factor` times its usual number: for the funder to look at, nothing refused. Latest first, 100 at most.',
      }),
    /** the funder's rule the days were judged by (its settings) */
    unusualDayRule: z.object({ minimum: z.number().int(), factor: z.number().int() }),
  })
  .meta({ id: 'Dashboard' });

/** The period of a report: business days, both included; each has a default (see the route). */
export const ReportQuery = z.object({
  from: IsoDate.optional().meta({
    description: 'First day of the period (Paris), included; the programme’s first day by default.',
  }),
  to: IsoDate.optional().meta({
    description:
      'Last day of the period (Paris), included; today by default, or the programme’s closure when it closed before today.',
  }),
});

const Count = z.number().int();
const Cents = z.number().int();
const Figures = z.object({
  issued: Count.meta({ description: 'Passes issued, by the day of their issue.' }),
  handedOut: Count.meta({
    description: 'Passes handed out, by the day their booklet was handed to a person.',
  }),
  used: Count.meta({
    description:
      'Passes used, by the day of their session (a late session’s real day); cancelled redemptions left out.',
  }),
  usedValueCents: Cents,
});
const Sessions = z.object({ sessions: Count, minutes: Count });
const SessionsValue = z.object({ sessions: Count, valueCents: Cents });
const People = z.object({ name: z.string(), code: z.string().nullable(), people: Count });

export const ProgramReport = z
  .object({
    from: z.string(),
    to: z.string(),
    program: z.object({
      id: z.uuid(),
      funderId: z.uuid(),
      name: z.string(),
      funderName: z.string(),
      startsOn: z.string(),
      calendar: z
        .object({
          distributionStart: z.string(),
          distributionEnd: z.string(),
          usageEnd: z.string(),
          closure: z.string().nullable(),
        })
        .nullable()
        .meta({
          description: 'The calendar as amended, as of `to`; null when the programme was not in force yet.',
        }),
      plannedPasses: Count.nullable().meta({
        description: 'The passes planned as of `to`; null when the programme was not in force yet.',
      }),
      faceValueCents: Cents.nullable().meta({
        description: 'A pass’s face value as of `to`; null when the programme was not in force yet.',
      }),
    }),
    passes: z.object({
      period: Figures,
      toDate: Figures,
      usedOfPlannedBps: Count.nullable().meta({
        description:
          'Passes used up to `to` against the passes planned as of `to`, in basis points; null without a plan.',
      }),
    }),
    people: z.object({
      reached: Count,
      byAudience: z.array(z.object({ label: z.string(), people: Count })),
      byDepartement: z.array(People),
      byEpci: z.array(People),
    }),
    sessions: z.object({
      count: Count,
      minutes: Count,
      valueCents: Cents,
      byTheme: z.array(Sessions.extend({ theme: z.string() })),
      byFormat: z.array(Sessions.extend({ format: z.enum(['individual', 'collective']), label: z.string() })),
      byMonth: z.array(Sessions.extend({ month: z.string(), valueCents: Cents })),
      places: Count,
      topPlaces: z.array(
        z.object({ placeId: z.uuid(), name: z.string(), commune: z.string().nullable(), sessions: Count }),
      ),
      byPlace: z
        .array(
          z.object({
            placeId: z.uuid(),
            name: z.string(),
            commune: z.string().nullable(),
            sessions: Count,
            minutes: Count,
            valueCents: Cents,
          }),
        )
        .meta({
          description: 'Every place of the period’s sessions, most first (`topPlaces` are its first ten).',
        }),
      byDepartement: z
        .array(
          z.object({
            code: z.string().nullable(),
            name: z.string(),
            places: Count,
            sessions: Count,
            minutes: Count,
            valueCents: Cents,
          }),
        )
        .meta({
          description:
            'Sessions by the département of the place that gave them, most first; a place without a known commune has a line with a null code.',
        }),
    }),
    prescribers: z.object({ handingOut: Count }),
    money: z.object({
      fundings: z.array(z.object({ payer: z.string(), receivedCents: Cents, reversedCents: Cents })),
      sessionsValueCents: Cents.meta({
        description: 'What the places are owed for the period’s sessions: the value of the passes they used.',
      }),
      paidToPlacesCents: Cents.meta({
        description: 'Paid to places in the period (payments recorded, less transfers the bank returned).',
      }),
      owedToPlacesCents: Cents.meta({
        description: 'Still owed to places at the end of `to`, for every session recorded by then.',
      }),
      paidToPlacesToDateCents: Cents.meta({
        description: 'Paid to places from the programme’s start to the end of `to`.',
      }),
      writtenOffToDateCents: Cents.meta({
        description:
          'Value used that the funder wrote off from the programme’s start to the end of `to` (the remainder of a partial payment it will not pay): neither paid nor owed.',
      }),
      recordedAfter: SessionsValue.meta({
        description:
          'Sessions given by `to` but recorded after it (late sessions): counted in `passes.toDate`, not yet in the ledger as of `to`.',
      }),
      cancelledAfter: SessionsValue.meta({
        description:
          'Sessions recorded by `to` and cancelled after it: left out of `passes.toDate`, still in the ledger as of `to`. So `passes.toDate.usedValueCents` = `paidToPlacesToDateCents` + `writtenOffToDateCents` + `owedToPlacesCents` + `recordedAfter.valueCents` − `cancelledAfter.valueCents`.',
      }),
      budget: z
        .object({
          totalCents: Cents,
          usedValueCents: Cents.meta({
            description:
              'The value of the passes used in the ledger at the end of `to` (sessions by the day they were recorded): the base of the co-funders’ conventions, as their call for funds of that day. It differs from `passes.toDate.usedValueCents` by `recordedAfter` and `cancelledAfter`.',
          }),
          payers: z.array(
            z.object({
              name: z.string(),
              shareCents: Cents.meta({
                description: 'Its share of the budget (the funder’s: the remainder).',
              }),
              receivedCents: Cents.meta({
                description: 'What it had paid by the end of `to`, net of reversals.',
              }),
              owedByRuleCents: Cents.nullable().meta({
                description:
                  'A co-funder’s due by its convention for the value used by the end of `to` (capped at its share); null for the funder.',
              }),
              usedShareBps: Count.nullable().meta({
                description:
                  'A co-funder’s share of `usedValueCents` by its convention, in basis points; null for the funder and a co-funder owing its part of the budget.',
              }),
            }),
          ),
        })
        .nullable()
        .meta({
          description: 'The budget as amended by the end of `to`; null before the programme took effect.',
        }),
    }),
  })
  .meta({ id: 'ProgramReport' });

export const ReportPlaces = z
  .object({
    from: z.string(),
    to: z.string(),
    places: z.array(
      z.object({
        placeId: z.uuid(),
        name: z.string(),
        commune: z.string().nullable(),
        sessions: Count,
        latitude: z.number().nullable(),
        longitude: z.number().nullable(),
      }),
    ),
  })
  .meta({
    id: 'ReportPlaces',
    description:
      'Every place that took passes of the programme in the period, most sessions first, with its coordinates (null when its profile has none): the map of the report.',
  });

/** A statement of last month as « Mes lieux » shows it: enough for where it stands (core/statement-standing.ts). */
const MyPlaceStatement = StatementSummary.pick({
  id: true,
  number: true,
  funderName: true,
  programName: true,
  totalCents: true,
  status: true,
  paidOn: true,
  contestableUntil: true,
  instalments: true,
  deductedFrom: true,
  bankRefusedOn: true,
  inRun: true,
});

export const MyPlaces = z
  .object({
    asOf: z.string(),
    statementsMonth: z
      .string()
      .meta({ description: "The month ('YYYY-MM') of the statements listed: last month" }),
    sessionsFrom: z
      .string()
      .meta({ description: 'Sessions are counted from this day (the 1st of the month) to asOf' }),
    places: z.array(
      z.object({
        placeId: z.uuid(),
        name: z.string(),
        commune: z.string().nullable(),
        role: z.enum(['place_admin', 'place_agent']),
        owedCents: z.number().nullable().meta({
          description:
            "What the place is owed today, every funder and programme; null where the person's role does not read its statements",
        }),
        owedBy: z
          .array(z.object({ funderId: z.uuid(), funderName: z.string(), owedCents: z.number() }))
          .nullable(),
        statements: z.array(MyPlaceStatement).nullable(),
        sessions: Count.meta({ description: 'Live sessions given this month (by their day)' }),
        bankAccount: z.boolean().meta({ description: 'Whether the place has recorded a bank account' }),
      }),
    ),
    statementsTruncated: z.boolean(),
    totals: z.object({
      places: Count,
      owedCents: z.number(),
      statements: Count,
      statementsCents: z.number(),
      sessions: Count,
      withoutBankAccount: Count,
    }),
  })
  .meta({
    id: 'MyPlaces',
    description:
      'Every place where the signed-in person works, by name, with the figures their role there reads, and the totals.',
  });
