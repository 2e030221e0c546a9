import { z } from 'zod';
import { CODE_INPUT_MAX } from '../../core/pass-code.js';
import { REFUSALS, SESSION_FORMATS, SESSION_MINUTES, STANDARD_SERVICES } from '../../core/session.js';
import { IsoDate } from '../programs/schemas.js';

/** As typed or scanned: the service normalises it and checks its check character. */
const RawCode = z.string().max(CODE_INPUT_MAX).meta({
  description:
    'The pass code as printed (SEK5-EE62-EMGD-KD) or typed: case, spaces and dashes do not matter; its last character is a check symbol.',
});
/** A day as the platform reads it, Europe/Paris. */
const Day = z.string().meta({ format: 'date' });

export const CodeParams = z.object({ code: RawCode });
export const PlaceQuery = z.object({ placeId: z.uuid().optional() });
/** A check for a session given on an earlier day (the desk's "Date de la séance"): absent, today. */
export const CheckQuery = PlaceQuery.extend({
  sessionOn: IsoDate.optional().meta({
    description:
      'The day the session was given, when it is recorded on a later day (Europe/Paris). Absent: today. See `sessionOn` of the redemption.',
  }),
});

export const PASS_STATUSES = [
  'redeemable',
  ...REFUSALS.filter((r) => r !== 'malformed_code' && r !== 'unknown_code'),
] as const;

export const PassCheck = z
  .object({
    code: z.string().meta({ description: 'The code, formatted.' }),
    status: z.enum(PASS_STATUSES).meta({
      description:
        'Whether the pass can be redeemed now, and if not why. New values come only with a new minor version of the API (see the changelog); treat a value you do not know as not redeemable.',
    }),
    message: z.string().meta({ description: 'The status in French, to show to the agent.' }),
    faceValueCents: z.int().nullable().meta({ description: 'What the place is paid for it, in cents.' }),
    programName: z.string().nullable(),
    validFrom: Day.nullable().meta({ description: 'First day the pass may be used.' }),
    validUntil: Day.nullable().meta({ description: 'Last day the pass may be used.' }),
    redeemedAt: z.date().nullable().meta({ description: 'When it was redeemed, if it was.' }),
    byThisPlace: z.boolean().nullable().meta({
      description:
        'For a pass `already_redeemed`: whether its live redemption is this place’s own (a double entry, which it may cancel within the window) rather than another place’s, of which nothing more is said. Null otherwise.',
    }),
    redemptionId: z.int().nullable().meta({
      description:
        'When `byThisPlace` is true: the id of this place’s redemption of the pass, to cancel it (POST /redemptions/{redemptionId}/cancel) if it was a mistake. Null otherwise.',
    }),
    lateSessionsUntil: Day.nullable().meta({
      description:
        'For a pass `expired` for a session given today because its programme’s usage has ended: the last day a session given on or before `validUntil` may still be recorded, with its day in `sessionOn` (the tolerance period). Null otherwise. Since 1.44.0.',
    }),
    themes: z.array(z.string()).meta({
      description:
        'The session themes a redemption at this place may name: the services of the standard its description declares (all nine while it declares none); another is refused (422 theme_not_offered).',
    }),
  })
  .meta({ id: 'PassCheck' });

export const RedeemBody = z.object({
  /** Required with a session (an agent may work for several places); implied by an API key. */
  placeId: z.uuid().optional().meta({ description: 'The place; implied by an API key.' }),
  code: RawCode,
  nonce: z.string().trim().min(8).max(100).meta({
    description:
      'A new value for each redemption your software makes (a UUID will do), kept with it. Sending the same request again with the same nonce gives the first answer (200) and redeems nothing more; the same nonce with another code or another session is refused (409 nonce_reused). Unique per place.',
  }),
  theme: z
    .enum(STANDARD_SERVICES, {
      error: (issue) =>
        issue.input === undefined
          ? 'Indiquez le thème de la séance, parmi ceux du standard national des services de médiation.'
          : 'Thème inconnu : choisissez-en un parmi ceux du standard national des services de médiation (la vérification du pass les donne : themes).',
    })
    .meta({ description: 'What the session was about (the national standard of mediation services).' }),
  durationMinutes: z
    .int()
    .min(SESSION_MINUTES.min)
    .max(SESSION_MINUTES.max)
    .meta({ description: 'How long the session lasted, in minutes.' }),
  format: z.enum(SESSION_FORMATS).meta({ description: 'One person, or a group.' }),
  /**
   * The day the session was given, when recorded on a later day: a session given before the
   * programme's usage end may be recorded during its tolerance period. Absent: today.
   */
  sessionOn: IsoDate.optional().meta({
    description:
      'The day the session was given (Europe/Paris), when it is recorded on a later day: any past day on which the pass was valid, and after the programme’s usage end only during its tolerance period (late_session_period_over otherwise). Absent: today.',
  }),
});
export type RedeemInput = z.infer<typeof RedeemBody>;

/**
 * Why a cancelled redemption's pass may not be redeemed again: the desk says which, a pass
 * redeemed again elsewhere having read as a booklet declared lost.
 */
export const PASS_UNUSABLE_REASONS = ['redeemed_again', 'blocked', 'expired', 'cancelled'] as const;
export type PassUnusableReason = (typeof PASS_UNUSABLE_REASONS)[number];

const PASS_UNUSABLE_REASON_DESCRIPTION =
  'When `passUsableAgain` is false, why: `redeemed_again`, the pass was redeemed again since (by this place or another); `blocked`, its booklet was declared lost or stolen and its pass cancelled; `expired`, its validity or its programme’s usage is over; `cancelled`, the pass was cancelled otherwise. Null while the redemption stands and while the pass may be redeemed again. New values come only with a new minor version of the API; treat a value you do not know as not usable.';

export const Redemption = z
  .object({
    id: z.int().meta({ description: 'The redemption, as named to cancel it.' }),
    code: z.string(),
    placeId: z.uuid(),
    programName: z.string(),
    faceValueCents: z.int().meta({ description: 'What the place is paid for it, in cents.' }),
    theme: z.string(),
    durationMinutes: z.int(),
    format: z.enum(SESSION_FORMATS),
    redeemedAt: z.date().meta({ description: 'When it was recorded.' }),
    /** The day the session was given: the day it was recorded, or the earlier day sent as `sessionOn`. */
    sessionOn: Day.meta({
      description: 'The day the session was given: the day it was recorded, or the earlier day sent.',
    }),
    cancellableUntil: z.date().meta({ description: 'The place may cancel it until then.' }),
    cancelledAt: z.date().nullable().meta({ description: 'When it was cancelled; a replay shows it too.' }),
    /** Said wherever a cancelled redemption is shown (a retry, the list), as its cancellation said it. */
    passUsableAgain: z.boolean().nullable().meta({
      description:
        'Once cancelled (cancelledAt), whether the pass may be redeemed again now: false when its booklet was blocked (lost or stolen), its pass then cancelled, when it was redeemed again since, or when it has expired; `passUnusableReason` says which. Null while the redemption stands.',
    }),
    passUnusableReason: z
      .enum(PASS_UNUSABLE_REASONS)
      .nullable()
      .meta({ description: PASS_UNUSABLE_REASON_DESCRIPTION }),
  })
  .meta({ id: 'Redemption' });

/** A cancellation's answer: the redemption, and whether its pass may now be redeemed again. */
export const CancelledRedemption = Redemption.extend({
  passUsableAgain: z.boolean().meta({
    description:
      'Whether the pass may be redeemed again now: false when its booklet was blocked (lost or stolen), its pass then cancelled, when it was redeemed again since, or when it has expired; `passUnusableReason` says which.',
  }),
}).meta({ id: 'CancelledRedemption' });

export const RedemptionParams = z.object({ redemptionId: z.coerce.number().int().positive() });

/**
 * A page of the place's redemptions, newest first: `before` is the previous page's
 * `nextBefore`; `from` and `to` bound the days they were recorded on (Paris time), inclusive.
 */
export const RedemptionListQuery = z
  .object({
    from: IsoDate.optional().meta({
      description: 'First day they were recorded on (Europe/Paris), inclusive.',
    }),
    to: IsoDate.optional().meta({ description: 'Last day they were recorded on (Europe/Paris), inclusive.' }),
    before: z.coerce
      .number()
      .int()
      .positive()
      .optional()
      .meta({ description: 'The `nextBefore` of the previous page: only older redemptions.' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(50)
      .meta({ description: 'At most this many (1 to 200).' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: 'La fin de la période ne peut pas précéder son début.',
  });
export type RedemptionListQuery = z.infer<typeof RedemptionListQuery>;

/** In the place's list: who recorded it, which its agents and its software may read. */
export const ListedRedemption = Redemption.extend({
  recordedBy: z.string().meta({
    description:
      'Who recorded it: the display name of the person signed in, or « Clé API « label » » for one of the place’s API keys, or « Inconnu (ni une personne ni une clé API) » for a session loaded outside the platform’s pages and API (the demo’s data).',
  }),
}).meta({ id: 'ListedRedemption' });

export const RedemptionList = z.object({
  redemptions: z.array(ListedRedemption),
  /** Pass it as `before` for the next page; null on the last one. */
  nextBefore: z.int().nullable(),
  /** The whole list's size, whatever the page: a screen says « Page 2 sur 9 ». */
  total: z.int().meta({
    description:
      'How many redemptions the list holds in all, every page together: those of the place recorded within `from` and `to`, whatever `before`.',
  }),
});

/** A period of the place's sessions, by the days they were given (Europe/Paris), inclusive. */
export const PlacePeriodQuery = z
  .object({
    from: IsoDate.meta({ description: 'First day the sessions were given (Europe/Paris), inclusive.' }),
    to: IsoDate.meta({ description: 'Last day the sessions were given (Europe/Paris), inclusive.' }),
  })
  .refine((q) => q.from <= q.to, {
    path: ['to'],
    message: 'La fin de la période ne peut pas précéder son début.',
  });

const ActivityFigures = { sessions: z.int(), minutes: z.number(), valueCents: z.number() };

/** The place's live sessions of a period by theme and by who recorded them. */
export const PlaceActivity = z
  .object({
    from: z.string(),
    to: z.string(),
    byTheme: z.array(z.object({ theme: z.string(), ...ActivityFigures })),
    byRecorder: z.array(
      z.object({
        /** as in the list: the person's name, the key's label, or « Inconnu (…) » */
        recordedBy: z.string(),
        ...ActivityFigures,
      }),
    ),
  })
  .meta({ id: 'PlaceActivity' });
