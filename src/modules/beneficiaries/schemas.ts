import { z } from 'zod';
import { IsoDate } from '../programs/schemas.js';

export const OrganisationParams = z.object({ organisationId: z.uuid() });

export const HandOutBody = z.object({
  serial: z.string().trim().min(1).max(40),
  handedOutOn: IsoDate.optional(),
  backdateReason: z.string().trim().max(500).nullish(),
  beneficiary: z.object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    birthDate: IsoDate,
    communeCode: z
      .string()
      .trim()
      .regex(/^[0-9][0-9AB][0-9]{3}$/, 'Code INSEE de commune attendu (5 caractères).'),
    audience: z.string().trim().min(1).max(80),
  }),
  /**
   * The desk checked that a person of close name born the same day, already served by the
   * programme, is someone else (after a 409 beneficiary_possible_duplicate).
   */
  confirmNewPerson: z.boolean().optional(),
});

export const HandOutResult = z.object({
  serial: z.string(),
  beneficiaryId: z.uuid(),
  validFrom: z.string(),
  validUntil: z.string(),
});

export const ReplacementBody = z.object({
  blockedSerial: z.string().trim().min(1).max(40),
  serial: z.string().trim().min(1).max(40),
});

export const ReplacementResult = HandOutResult.extend({ replacesSerial: z.string() });

export const HandedOutList = z.object({
  booklets: z.array(
    z.object({
      serial: z.string(),
      programId: z.uuid(),
      /** Still with its holder, or blocked since (lost or stolen). */
      status: z.enum(['handed_out', 'blocked']),
      handedOutOn: z.string(),
      /** The person's initials only (« P. D. »); « — » once the person's data is erased. */
      initials: z.string(),
      passes: z.number(),
      passesUsed: z.number(),
    }),
  ),
});
