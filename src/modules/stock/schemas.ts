import { z } from 'zod';

/** Booklets named by serial: those moved by a transfer, or taken by an allocation. */
export const Serials = z.object({ serials: z.array(z.string().trim().min(1).max(40)).min(1).max(10_000) });

/** Booklets entrusted to a prescriber, and those of them not funded yet (not to be handed out). */
export const Allocated = Serials.extend({
  unfunded: z.array(z.string()).meta({
    description:
      'Carnets confiés dont des pass attendent encore un versement : ils ne pourront être remis qu’une fois financés.',
  }),
});

const Serial = z.string().trim().min(1).max(40);

/**
 * What an allocation takes from the funder's stock, one way of three: `count` booklets, the
 * oldest first (of `envelopeId` only when given); every booklet from `firstSerial` to
 * `lastSerial`; or the chosen `serials`.
 */
export const AllocationBody = z.object({
  prescriberId: z.uuid(),
  count: z.number().int().min(1).max(100_000).optional(),
  envelopeId: z.uuid().optional(),
  firstSerial: Serial.optional(),
  lastSerial: Serial.optional(),
  serials: Serials.shape.serials.optional(),
});

export const BOOKLET_STATUSES = ['stock', 'allocated', 'handed_out', 'blocked'] as const;

export const BookletListQuery = z.object({
  status: z.enum(BOOKLET_STATUSES).optional(),
  envelopeId: z.uuid().optional(),
  holderId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const BookletList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  booklets: z.array(
    z.object({
      serial: z.string(),
      size: z.number(),
      status: z.enum(BOOKLET_STATUSES),
      /** The envelope's name, null outside any envelope. */
      envelope: z.string().nullable(),
      /** The prescriber that holds it, or held it last (it handed it out); null in the funder's stock. */
      holderId: z.uuid().nullable(),
      holder: z.string().nullable(),
      handedOutOn: z.string().nullable(),
    }),
  ),
});
