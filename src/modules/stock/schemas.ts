import { z } from 'zod';
import { sortQuery } from '../../http/list-sort.js';

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

/**
 * The columns a programme's booklets are sorted by: serial, state (stock, allocated, handed
 * out, blocked: their order of life), envelope's or prescriber's name (French order, booklets
 * without one last either way).
 */
export const BOOKLET_SORTS = ['serial', 'status', 'envelope', 'holder'] as const;
export type BookletSort = (typeof BOOKLET_SORTS)[number];

export const BookletListQuery = z.object({
  status: z.enum(BOOKLET_STATUSES).optional(),
  envelopeId: z.uuid().optional(),
  holderId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  ...sortQuery(BOOKLET_SORTS, 'serial', 'asc'),
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

/** A pass's own state (passes.status): issued is not yet activated by money received. */
export const STORED_PASS_STATUSES = ['issued', 'active', 'redeemed', 'expired', 'cancelled'] as const;

const BLOCK_REASONS = ['lost', 'stolen'] as const;

/** A booklet as a pass's story tells it: where it is, who handed it out, its block. */
const PassBooklet = z.object({
  serial: z.string(),
  status: z.enum(BOOKLET_STATUSES),
  /** the prescriber holding it, while allocated */
  holderName: z.string().nullable(),
  handedOutOn: z.iso.date().nullable(),
  /** the prescriber that handed it out to the person */
  handedOutByName: z.string().nullable(),
  /** when, why and by which organisation it was blocked; null when it is not */
  block: z
    .object({
      at: z.iso.datetime(),
      reason: z.enum(BLOCK_REASONS),
      /** « Perdu », « Volé » */
      reasonLabel: z.string(),
      /** the prescriber whose agent blocked it; null when the funder's staff (or the operator) did */
      byOrganisationId: z.uuid().nullable(),
      /** that prescriber's name, else the funder's */
      byName: z.string(),
    })
    .nullable(),
});

/** Every redemption of the pass, cancelled ones included, oldest first. */
const PassSessions = z.array(
  z.object({
    placeId: z.uuid(),
    placeName: z.string(),
    sessionOn: z.iso.date(),
    theme: z.string(),
    durationMinutes: z.number().int(),
    format: z.string(),
    recordedAt: z.iso.datetime(),
    cancelledAt: z.iso.datetime().nullable(),
  }),
);

/** A pass as its funder's staff see it (getPassStory): where it is, and every session it paid. */
export const PassStory = z
  .object({
    code: z.string().meta({ example: 'XN9U-U3NR-9XKN-7D' }),
    programId: z.uuid(),
    programName: z.string(),
    status: z.enum(STORED_PASS_STATUSES),
    faceValueCents: z.number().int(),
    validFrom: z.iso.date().nullable(),
    validUntil: z.iso.date().nullable(),
    booklet: PassBooklet,
    sessions: PassSessions,
  })
  .meta({ id: 'PassStory' });

/**
 * A pass found by the platform's helpdesk from its code (lookUpPass): its funder and programme
 * by name, its state and its booklet's in French, who handed it out, its block, where it was
 * used, and what the person can do. Nothing of the person.
 */
export const HelpdeskPass = PassStory.extend({
  code: z.string().meta({ example: 'XN9U-U3NR-9XKN-7D' }),
  funderId: z.uuid(),
  funderName: z.string(),
  /** the pass's state in French (« Utilisé », « Annulé »…) */
  statusLabel: z.string(),
  booklet: PassBooklet.extend({
    /** the booklet's state in French (« Remis », « Bloqué »…) */
    statusLabel: z.string(),
  }),
  /** what the person can do, or the helpdesk tell them, in French sentences */
  advice: z.array(z.string()),
}).meta({ id: 'HelpdeskPass' });
