import { z } from 'zod';
import { IsoDate } from '../programs/schemas.js';

/**
 * What the journal can be narrowed to: who (a person, as the author or as the account an entry
 * is about, by name or e-mail), what (an action), when (Paris days).
 */
export const AuditFilters = z.object({
  who: z.string().trim().max(100).optional().meta({
    description:
      'Personne : partie du nom ou de l’adresse électronique de l’auteur, ou du compte concerné (échecs de connexion, blocages…) — a person: part of the name or e-mail of the author, or of the account the entry is about (failed sign-ins, locks…)',
  }),
  action: z
    .string()
    .max(100, { message: 'Choisissez une action dans la liste.' })
    .regex(/^[a-z_]+\.[a-z_]+$/, { message: 'Choisissez une action dans la liste.' })
    .optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type AuditFilters = z.infer<typeof AuditFilters>;

export const AuditQuery = AuditFilters.extend({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditPage = z.object({
  entries: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actorEmail: z.string().nullable(),
      /** Who, as people know them: the user's display name, else what the entry recorded. */
      actorName: z.string(),
      action: z.string(),
      /** The action in French (« Carnets confiés à un prescripteur »). */
      actionLabel: z.string(),
      objectType: z.string(),
      objectId: z.string().nullable(),
      /** The object in French, by its name (« Dispositif Pass numérique 2026 », « Carnet HDF-000123 »). */
      objectLabel: z.string(),
      summary: z.record(z.string(), z.unknown()),
      /** The summary's facts in French, amounts in euros, names instead of ids. */
      details: z.array(z.string()),
    }),
  ),
  nextBefore: z.number().nullable(),
});

export const AuditIntegrity = z
  .object({
    intact: z.boolean(),
    checkedEntries: z.number(),
    /** entries whose transaction was still running, not sealed yet */
    pendingEntries: z.number(),
    brokenAtEntry: z.number().nullable(),
    /** where the chain breaks, in French */
    problem: z.string().nullable(),
    /** the last seal: to copy and keep outside the platform, to tell later a trail cut back */
    seal: z
      .object({
        seq: z.number(),
        sealedAt: z.string(),
        lastEntryId: z.number().nullable(),
        lastHash: z.string(),
        signature: z.string().nullable(),
      })
      .nullable(),
    /** the key that checks the seals' signatures (PEM) */
    publicKeyPem: z.string(),
  })
  .meta({ id: 'AuditIntegrity' });

export const IntegrityCheckParams = z.object({ funderId: z.uuid(), checkId: z.uuid() });

/**
 * A run of the integrity check, in the background: its progress while it runs, then what it
 * found. One run serves everyone (the chain is the platform's): any funder's reader reads it.
 */
export const AuditIntegrityCheck = z
  .object({
    id: z.uuid(),
    /** `failed`: the check could not finish (an error, or its server stopped): start another */
    state: z.enum(['running', 'intact', 'broken', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    /** entries checked so far, then in all */
    checkedEntries: z.number(),
    /** entries in the journal when the run started, for a progress bar */
    totalEntries: z.number(),
    /** in French: where the chain breaks, or why the check did not finish */
    problem: z.string().nullable(),
    /** once `intact` or `broken`: the answer of `checkAuditIntegrity`, seal and key included */
    result: AuditIntegrity.nullable(),
  })
  .meta({ id: 'AuditIntegrityCheck' });

export const AuditIntegrityChecks = z.object({
  /** the run in progress, to follow instead of starting another */
  running: AuditIntegrityCheck.nullable(),
  /** the last run that ended, whatever it found */
  lastFinished: AuditIntegrityCheck.nullable(),
});

/** What a place's journal can be narrowed to: a kind of action of its list, Paris days. */
export const PlaceJournalFilters = AuditFilters.omit({ who: true });
export type PlaceJournalFilters = z.infer<typeof PlaceJournalFilters>;

export const PlaceJournalQuery = PlaceJournalFilters.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * A page of a place's journal: who did what at the place, newest first. Only what its admin may
 * see: the actor by name, the action and its object in French, the facts in words.
 */
export const PlaceJournalPage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  entries: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      /** Who: the account's display name, else the key's label or « Système ». */
      actorName: z.string(),
      action: z.string(),
      /** The action in French (« Pass encaissé par un lieu »). */
      actionLabel: z.string(),
      /** The object in French, by its name (« Clé d’API « Caisse » »). */
      objectLabel: z.string(),
      /** The summary's facts in French, amounts in euros, names instead of ids. */
      details: z.array(z.string()),
    }),
  ),
});
