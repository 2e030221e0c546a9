import { z } from 'zod';
import { Prescriber } from '../funders/schemas.js';

export const PrescriberParams = z.object({ funderId: z.uuid(), prescriberId: z.uuid() });

/**
 * A file of prescribers sent as JSON: its name (whose extension, .csv or .xlsx, gives its
 * format) and its bytes in base64. The API takes JSON bodies only; a 25-line list is a few
 * kilobytes, and 5,000 lines stay under the route's 4 MB limit.
 */
export const ImportBody = z.object({
  fileName: z
    .string({ error: 'Indiquez le nom du fichier (.csv ou .xlsx).' })
    .trim()
    .min(1, { error: 'Indiquez le nom du fichier (.csv ou .xlsx).' })
    .max(255),
  contentBase64: z
    .string({ error: 'Joignez le contenu du fichier, encodé en base64.' })
    .min(1, { error: 'Le fichier est vide.' })
    .max(4 * 1024 * 1024)
    .regex(/^[A-Za-z0-9+/=\s]*$/, { error: 'Le contenu du fichier doit être encodé en base64.' }),
  /** true: only report what the import would do; nothing is written. */
  dryRun: z.boolean().default(false),
});

const Issue = z.object({ field: z.string(), message: z.string() });

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    fileName: z.string(),
    counts: z.object({
      lines: z.number().int(),
      created: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.number().int(),
    }),
    lines: z.array(
      z.object({
        /** the line's number in the file, the header being line 1 */
        line: z.number().int(),
        name: z.string().nullable(),
        /** in a dry run, `created` means « would be created » */
        status: z.enum(['created', 'unchanged', 'rejected']),
        errors: z.array(Issue),
        prescriberId: z.uuid().nullable(),
      }),
    ),
  })
  .meta({ id: 'PrescriberImportReport' });

const Figures = {
  /** booklets held now, not handed out */
  held: z.number().int(),
  /** booklets handed out to beneficiaries */
  handedOut: z.number().int(),
  /** passes of the booklets handed out that were redeemed */
  redeemed: z.number().int(),
  lastHandOutOn: z.string().nullable(),
};

export const PrescriberWithFigures = Prescriber.extend(Figures).meta({ id: 'PrescriberWithFigures' });

export const PrescriberDetail = Prescriber.extend({
  ...Figures,
  daysSinceLastHandOut: z.number().int().nullable(),
  booklets: z.array(z.object({ serial: z.string(), size: z.number().int(), programId: z.uuid() })),
  agents: z.array(z.object({ membershipId: z.uuid(), displayName: z.string(), email: z.string() })),
  invitedAgents: z.array(z.object({ email: z.string(), expiresAt: z.string() })),
}).meta({ id: 'PrescriberDetail' });

/** All the booklets the prescriber holds, or those named by serial. */
export const TakeBackBody = z.union([
  z.object({ all: z.literal(true) }),
  z.object({
    serials: z
      .array(z.string().trim().min(1).max(40), { error: 'Choisissez les carnets à reprendre.' })
      .min(1, { error: 'Choisissez au moins un carnet à reprendre.' })
      .max(10_000),
  }),
]);
