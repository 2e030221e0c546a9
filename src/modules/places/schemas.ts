import { z } from 'zod';
import { FUNDER_DECISIONS, QUALIFICATION_DECISIONS } from '../../db/schema/index.js';
import { multilineText } from '../../http/text-fields.js';
import { FunderPlaceQualification } from '../qualification/schemas.js';

export const PlaceParams = z.object({ placeId: z.uuid() });
export const KeyParams = PlaceParams.extend({ keyId: z.uuid() });

export const ApiKey = z
  .object({
    id: z.uuid(),
    label: z.string(),
    prefix: z.string(),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const CreateKeyBody = z.object({ label: z.string().trim().min(1).max(100) });
/** The full key appears in this answer only; the platform keeps a hash. */
export const CreatedKey = ApiKey.extend({ key: z.string() });

export const ProgramPlaceParams = z.object({ programId: z.uuid(), placeId: z.uuid() });
const Standing = z.enum(['approved', 'suspended']);
export const ProgramPlace = z.object({
  placeId: z.uuid(),
  name: z.string(),
  acceptedOn: z.string(),
  standing: Standing,
});

export const DecisionBody = z.object({
  // The place's own `left` is its admin's to record (LeaveBody), never the funder's.
  decision: z.enum(FUNDER_DECISIONS, { error: 'Choisissez une décision dans la liste.' }),
  /** Required for everything but an approval: the place reads it on its page. */
  reason: multilineText(1000, { tooLong: 'Le motif compte au plus 1 000 caractères.' }).nullish(),
});
export const LEAVE_REASON = 'Indiquez pourquoi le lieu cesse de prendre ces pass : le financeur le lira.';
/** The place stops taking a programme's passes: why, which its funder reads (required). */
export const LeaveBody = z.object({
  reason: multilineText(1000, {
    missing: LEAVE_REASON,
    tooLong: 'Le motif compte au plus 1 000 caractères.',
  }),
});
export const PlaceProgramParams = z.object({ placeId: z.uuid(), programId: z.uuid() });

export const Decision = z.object({
  id: z.number(),
  decision: z.enum(QUALIFICATION_DECISIONS),
  effectiveOn: z.string(),
});

/** A programme that qualified the place, whichever funder runs it. */
export const PlaceProgram = z
  .object({
    programId: z.uuid(),
    programName: z.string(),
    funderId: z.uuid(),
    funderName: z.string(),
    acceptedOn: z.string(),
    standing: Standing,
  })
  .meta({ id: 'PlaceProgram' });

export const PlaceDecision = z
  .object({
    id: z.number(),
    funderId: z.uuid(),
    funderName: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    decision: z.enum(QUALIFICATION_DECISIONS),
    reason: z.string().nullable(),
    effectiveOn: z.string(),
    decidedBy: z.string().nullable(),
    at: z.date(),
  })
  .meta({ id: 'PlaceDecision' });

/** One thing an approval of the place would be refused for (the refusal's errors, and whose step it is). */
export const ApprovalGap = z
  .object({
    field: z.string(),
    /** In the words of the refusal `qualification_incomplete`. */
    message: z.string(),
    /** The funder's own step (its questionnaire, its charter), done on its qualification page; null: the place's. */
    yours: z.enum(['questionnaire', 'charter']).nullable(),
  })
  .meta({ id: 'ApprovalGap' });

export const FunderPlaceParams = z.object({ funderId: z.uuid(), placeId: z.uuid() });
export const FunderPlace = z.object({
  id: z.uuid(),
  name: z.string(),
  siret: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  /** on the roster of another funder too */
  shared: z.boolean(),
  /** Whether its profile is filled in: the public directory lists only such places (API 1.19.0). */
  inDirectory: z.boolean(),
  /** Whether the place has an admin of its own, who invites its team (a funder no longer can). */
  hasAdmin: z.boolean(),
  programs: z.array(PlaceProgram),
  decisions: z.array(PlaceDecision),
  qualification: FunderPlaceQualification,
  /**
   * For each of the funder's programmes where the place has no standing yet, what an approval
   * would be refused for, by the rule of the refusal itself; empty: it would pass.
   */
  approvalGaps: z.array(z.object({ programId: z.uuid(), gaps: z.array(ApprovalGap) })),
});

export const FunderParams = z.object({ funderId: z.uuid() });
export const RosterEntry = z
  .object({
    id: z.uuid(),
    name: z.string(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    shared: z.boolean(),
    standings: z.array(z.object({ programId: z.uuid(), standing: Standing })),
    applications: z.array(
      z.object({ programId: z.uuid(), score: z.number(), passMark: z.number(), submittedAt: z.date() }),
    ),
  })
  .meta({ id: 'RosterEntry' });

/** What a place's admin sees of its keys' calls, to tell whether its software works. */
export const KeyUsage = z
  .object({
    /** The first day counted (Paris), 'YYYY-MM-DD'. */
    since: z.string().meta({ format: 'date' }),
    days: z.array(
      z.object({
        keyId: z.uuid(),
        day: z.string().meta({ format: 'date' }),
        calls: z.int().min(0),
        errors: z.int().min(0),
      }),
    ),
    lastErrors: z.array(
      z.object({
        keyId: z.uuid(),
        at: z.date(),
        method: z.string(),
        route: z.string(),
        status: z.int(),
        code: z.string(),
      }),
    ),
  })
  .meta({ id: 'KeyUsage' });
