import { z } from 'zod';
import { ERASURE_REASONS, type ErasureReason } from '../../core/erasure-reasons.js';
import { sortQuery } from '../../http/list-sort.js';
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
   * The desk checked that a person of close name and birth date, already served by the
   * programme, is someone else (after a 409 beneficiary_possible_duplicate).
   */
  confirmNewPerson: z.boolean().optional(),
});

const HandedOver = z.object({
  serial: z.string(),
  beneficiaryId: z.uuid(),
  validFrom: z.string(),
  validUntil: z.string(),
});

export const HandOutResult = HandedOver.extend({
  /**
   * True (with a 200) when this hand-out was recorded already, by an earlier request whose
   * answer was lost: the same booklet, to the same person, by this organisation. Nothing was
   * recorded again; `validFrom` is the day it was handed out.
   */
  alreadyRecorded: z.literal(true).optional(),
});

export const ReplacementBody = z.object({
  blockedSerial: z.string().trim().min(1).max(40),
  serial: z.string().trim().min(1).max(40),
  /**
   * A booklet with more passes than the lost one had left is handed out only with this
   * confirmation: its last passes beyond the loss are cancelled (`cancelledCodes`).
   */
  confirmSurplus: z.boolean().optional(),
});

export const ReplacementResult = HandedOver.extend({
  replacesSerial: z.string(),
  /** the codes of the passes cancelled beyond the loss, to strike out on the paper (none usually) */
  cancelledCodes: z.array(z.string()),
});

/**
 * The columns a prescriber's hand-outs are sorted by: the day, the serial, the person's
 * initials as the list shows them (case and accents aside, erased people last either way), the
 * passes used.
 */
export const HANDED_OUT_SORTS = ['handedOutOn', 'serial', 'beneficiary', 'passesUsed'] as const;
export type HandedOutSort = (typeof HANDED_OUT_SORTS)[number];

/**
 * A page of what a prescriber handed out, the latest first unless asked otherwise. A page holds
 * at most 500: what the list held whole before it was paged, so that a client that asks for no
 * page gets what it got.
 */
export const HandedOutQuery = z
  .object({
    /** the period's first and last days of hand-out, inclusive; either alone bounds one side */
    from: IsoDate.optional().meta({ description: 'First day of hand-out, inclusive.' }),
    to: IsoDate.optional().meta({ description: 'Last day of hand-out, inclusive.' }),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(500),
    ...sortQuery(HANDED_OUT_SORTS, 'handedOutOn', 'desc'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: 'La fin de la période ne peut pas précéder son début.',
  });

/** A period of hand-outs to download, both days required (a file is named after them). */
export const HandedOutPeriodQuery = z
  .object({
    from: IsoDate.meta({ description: 'First day of hand-out, inclusive.' }),
    to: IsoDate.meta({ description: 'Last day of hand-out, inclusive.' }),
  })
  .refine((q) => q.from <= q.to, {
    path: ['to'],
    message: 'La fin de la période ne peut pas précéder son début.',
  });

const HandedOutBooklet = z.object({
  serial: z.string(),
  programId: z.uuid(),
  /** Still with its holder, or blocked since (lost or stolen). */
  status: z.enum(['handed_out', 'blocked']),
  handedOutOn: z.string(),
  /** The person's initials only (« P. D. »); « — » once the person's data is erased. */
  initials: z.string(),
  passes: z.number(),
  passesUsed: z.number(),
  /** Passes struck out (cancelled) when this booklet replaced a lost one: not to be used (API 1.25.0). */
  passesStruck: z.number(),
  /** The blocked booklet this one replaced, if it is a replacement. */
  replacesSerial: z.string().nullable(),
  /** The booklet handed to the person in this one's place, once blocked and replaced. */
  replacedBy: z.string().nullable(),
});

export const HandedOutList = z.object({
  /** how many booklets the prescriber handed out in all, of which `booklets` is the page asked */
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** the period asked (`from`, `to` as given, null when open), null when none was */
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }).nullable(),
  /**
   * What the period's hand-outs add up to (all of them when no period was asked): the
   * booklets, of which `replacements` took a lost one's place; the people given a first
   * booklet (a replacement is no new person); the passes handed over, struck ones left out.
   */
  totals: z.object({
    booklets: z.number(),
    replacements: z.number(),
    people: z.number(),
    passes: z.number(),
  }),
  booklets: z.array(
    HandedOutBooklet.extend({
      /** the person's public, as the programme names it */
      audience: z.object({ code: z.string(), label: z.string() }),
    }),
  ),
});

/**
 * A person the desk has in front of it, to find the booklets handed out to them: the names
 * and the birth date, all three required (the list shows initials only, and this is no search
 * by a part of a name).
 */
export const HandedOutLookupBody = z.object({
  firstName: z.string().trim().min(1, 'Tapez le prénom de la personne.').max(100),
  lastName: z.string().trim().min(1, 'Tapez le nom de la personne.').max(100),
  birthDate: IsoDate,
});

export const HandedOutLookupResult = z.object({
  /** The booklets handed out to the person, initials only, with the commune recorded to confirm. */
  booklets: z.array(HandedOutBooklet.extend({ commune: z.object({ code: z.string(), name: z.string() }) })),
});

/* A person's data, as the funder's admins answer the person's requests (person-data.ts). */

export const PersonParams = z.object({ funderId: z.uuid(), beneficiaryId: z.uuid() });

export const PeopleQuery = z.object({
  /** words of the first and last names (each starts a word of them), or a booklet's serial */
  q: z.string().trim().min(1, 'Tapez un nom, un prénom ou le numéro d’un carnet.').max(100),
});

const Commune = z.object({ code: z.string(), name: z.string() });

const PersonSummary = z.object({
  id: z.uuid(),
  /** null once erased */
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  birthDate: z.string().nullable(),
  commune: Commune,
  /** booklets handed to the person, replacements of lost ones left out */
  booklets: z.number(),
  lastHandOutOn: z.string().nullable(),
  erasedAt: z.string().nullable(),
});

export const PeopleList = z.object({
  people: z.array(PersonSummary),
  /** more people match than are listed: type more of the name */
  more: z.boolean(),
});

export const PersonRecord = z
  .object({
    person: PersonSummary.extend({
      audience: z.object({ code: z.string(), label: z.string() }),
      recordedOn: z.string(),
      /** the prescriber whose agent recorded the person */
      recordedBy: z.string().nullable(),
    }),
    booklets: z.array(
      z.object({
        serial: z.string(),
        programName: z.string(),
        handedOutOn: z.string(),
        prescriberName: z.string().nullable(),
        status: z.enum(['handed_out', 'blocked']),
        blockedOn: z.string().nullable(),
        blockReason: z.enum(['lost', 'stolen']).nullable(),
        replacesSerial: z.string().nullable(),
        passes: z.number(),
        passesUsed: z.number(),
        validUntil: z.string().nullable(),
      }),
    ),
    /** the sessions the person's passes paid, cancelled ones left out */
    sessions: z.array(
      z.object({
        sessionOn: z.string(),
        placeName: z.string(),
        programName: z.string(),
        serial: z.string(),
        theme: z.string(),
        durationMinutes: z.number(),
        format: z.enum(['individual', 'collective']),
      }),
    ),
    /** why each field is kept */
    purposes: z.array(z.object({ field: z.string(), why: z.string() })),
    /** the names and birth date are erased on `eraseOn`: `months` after the closure of the person's last programme */
    retention: z.object({ months: z.number(), eraseOn: z.string().nullable() }),
    readOn: z.string(),
  })
  .meta({ id: 'BeneficiaryRecord' });

export const ErasureBody = z.object({
  erasureReason: z.enum(Object.keys(ERASURE_REASONS) as [ErasureReason, ...ErasureReason[]], {
    error: `Choisissez le motif de l’effacement : ${Object.values(ERASURE_REASONS).join(', ')}.`,
  }),
});

export const ErasureResult = PersonSummary;

/** The person's identity as it should have been typed: the three fields, corrected or not. */
export const RectificationBody = z.object({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  birthDate: IsoDate,
});

export const RectificationResult = PersonSummary;

export const FunderParams = z.object({ funderId: z.uuid() });

export const PrivacyNotice = z
  .object({
    funderName: z.string().meta({ description: 'the controller: the funder that keeps the data' }),
    privacyContact: z
      .string()
      .nullable()
      .meta({ description: 'whom to write to about one’s data; null when the funder has not said' }),
    retentionMonths: z.number().int().meta({
      description: 'months names and birth date are kept after the closure of the person’s last programme',
    }),
    purposes: z.array(z.object({ field: z.string(), why: z.string() })),
  })
  .meta({ id: 'PrivacyNotice' });
