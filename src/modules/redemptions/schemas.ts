import { z } from 'zod';
import { REFUSALS, SESSION_FORMATS, SESSION_MINUTES, STANDARD_SERVICES } from '../../core/session.js';
import { IsoDate } from '../programs/schemas.js';

/** As typed or scanned: the service normalises it and checks its check character. */
const RawCode = z.string().max(64);

export const CodeParams = z.object({ code: RawCode });
export const PlaceQuery = z.object({ placeId: z.uuid().optional() });
/** A check for a session given on an earlier day (the desk's "Date de la séance"): absent, today. */
export const CheckQuery = PlaceQuery.extend({ sessionOn: IsoDate.optional() });

export const PASS_STATUSES = [
  'redeemable',
  ...REFUSALS.filter((r) => r !== 'malformed_code' && r !== 'unknown_code'),
] as const;

export const PassCheck = z
  .object({
    code: z.string(),
    status: z.enum(PASS_STATUSES),
    message: z.string(),
    faceValueCents: z.number().nullable(),
    programName: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    redeemedAt: z.date().nullable(),
    themes: z.array(z.string()),
  })
  .meta({ id: 'PassCheck' });

export const RedeemBody = z.object({
  /** Required with a session (an agent may work for several places); implied by an API key. */
  placeId: z.uuid().optional(),
  code: RawCode,
  nonce: z.string().trim().min(8).max(100),
  theme: z.enum(STANDARD_SERVICES),
  durationMinutes: z.number().int().min(SESSION_MINUTES.min).max(SESSION_MINUTES.max),
  format: z.enum(SESSION_FORMATS),
  /**
   * The day the session was given, when recorded on a later day: a session given before the
   * programme's usage end may be recorded during its tolerance period. Absent: today.
   */
  sessionOn: IsoDate.optional(),
});
export type RedeemInput = z.infer<typeof RedeemBody>;

export const Redemption = z
  .object({
    id: z.number(),
    code: z.string(),
    placeId: z.uuid(),
    programName: z.string(),
    faceValueCents: z.number(),
    theme: z.string(),
    durationMinutes: z.number(),
    format: z.enum(SESSION_FORMATS),
    redeemedAt: z.date(),
    cancellableUntil: z.date(),
    cancelledAt: z.date().nullable(),
  })
  .meta({ id: 'Redemption' });

export const RedemptionParams = z.object({ redemptionId: z.coerce.number().int().positive() });
export const RedemptionList = z.object({ redemptions: z.array(Redemption) });
