import { z } from 'zod';
import { PRESCRIBER_KINDS } from '../../core/prescriber-kinds.js';
import { UNUSUAL_DAY_FACTORS } from '../../core/unusual-day.js';
import { emailAddress } from '../../http/text-fields.js';
import { InvitationSent } from '../auth/schemas.js';

export const FUNDER_KINDS = ['region', 'departement', 'epci', 'syndicat_mixte', 'commune', 'other'] as const;
export const TERRITORY_LEVELS = ['region', 'departement', 'epci', 'commune'] as const;

export const TerritoryRefInput = z.object({
  level: z.enum(TERRITORY_LEVELS),
  code: z.string().trim().min(2).max(9),
});

export const Territory = TerritoryRefInput.extend({
  name: z.string(),
  /** what the person reads: « Verdun (55100) — commune », « Meuse (55) — département » */
  label: z.string(),
});

export const Funder = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(FUNDER_KINDS),
    siret: z.string(),
    territory: z.array(Territory),
  })
  .meta({ id: 'Funder' });

export const CreateFunderBody = z.object({
  name: z.string().trim().min(2).max(200),
  kind: z.enum(FUNDER_KINDS),
  siret: z.string().trim().max(20),
  territory: z.array(TerritoryRefInput).min(1).max(500),
  firstAdminEmail: emailAddress(),
});

/** A funder's identity as the operator corrects it, with the reason the journal keeps. */
export const FunderIdentityBody = z.object({
  name: CreateFunderBody.shape.name,
  kind: CreateFunderBody.shape.kind,
  siret: CreateFunderBody.shape.siret,
  reason: z
    .string()
    .trim()
    .min(3, { error: 'Indiquez le motif de la correction (par exemple « faute de frappe », « fusion »).' })
    .max(500, { error: 'Le motif tient en 500 caractères au plus.' }),
});

export type FunderIdentityInput = z.infer<typeof FunderIdentityBody>;

export const CreateFunderResult = InvitationSent.extend({ funder: Funder });

export const FunderParams = z.object({ funderId: z.uuid() });

export type CreateFunderInput = z.infer<typeof CreateFunderBody>;

export const CommuneQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'Caractères de contrôle interdits.'),
});

export const CommuneResult = z
  .object({
    code: z.string(),
    name: z.string(),
    postcodes: z.array(z.string()),
    departement: z.string(),
  })
  .meta({ id: 'Commune' });

/** A prescriber organisation as a funder creates it (issue 11, point 2). */
export const CreatePrescriberBody = z.object({
  name: z
    .string({ error: 'Indiquez le nom de la structure.' })
    .trim()
    .min(2, { error: 'Le nom de la structure doit compter au moins 2 caractères.' })
    .max(200, { error: 'Le nom de la structure compte au plus 200 caractères.' }),
  kind: z.enum(PRESCRIBER_KINDS, { error: 'Choisissez le type de structure dans la liste.' }),
  /** Optional; checked (14 digits, check digit) when given. Spaces and dots are allowed. */
  siret: z
    .string({ error: 'Le SIRET doit être un texte de 14 chiffres.' })
    .trim()
    .max(20, { error: 'Le SIRET compte 14 chiffres.' })
    .nullish(),
  /** The INSEE code of a current commune, chosen through GET /communes. */
  communeCode: z
    .string({ error: 'Choisissez la commune de la structure.' })
    .trim()
    .min(1, { error: 'Choisissez la commune de la structure.' })
    .max(9, { error: 'Choisissez la commune de la structure dans la liste.' }),
});

export type CreatePrescriberInput = z.infer<typeof CreatePrescriberBody>;

/**
 * A place the funder works with. Its SIRET is what makes it one place across funders: a
 * place already on another funder's roster joins this one's, with its history.
 */
export const CreatePlaceBody = z.object({
  name: z
    .string({ error: 'Indiquez le nom du lieu.' })
    .trim()
    .min(2, { error: 'Le nom du lieu doit compter au moins 2 caractères.' })
    .max(200, { error: 'Le nom du lieu compte au plus 200 caractères.' }),
  siret: z
    .string({ error: 'Indiquez le SIRET du lieu (14 chiffres).' })
    .trim()
    .min(1, { error: 'Indiquez le SIRET du lieu (14 chiffres).' })
    .max(20, { error: 'Le SIRET compte 14 chiffres.' }),
  communeCode: CreatePrescriberBody.shape.communeCode,
  /**
   * The funder checked that the places of close name in the same commune, already on the
   * platform, are other places (after a 409 place_similar_exists): the place is created.
   */
  confirmNewPlace: z.boolean().optional(),
  /**
   * The funder checked that the places of this SIRET already on the platform, under other names
   * (after a 409 place_siret_differs), are other sites of the same structure (an association
   * whose sites have its head office's SIRET): the place is created with this SIRET.
   */
  confirmOtherSite: z.boolean().optional(),
});
export type CreatePlaceInput = z.infer<typeof CreatePlaceBody>;

/** Words of a place's name, to find it among the places already on the platform. */
export const PlatformPlaceQuery = z.object({
  q: z
    .string({ error: 'Tapez une partie du nom du lieu.' })
    .trim()
    .min(1, { error: 'Tapez une partie du nom du lieu.' })
    .max(100, { error: 'Tapez au plus 100 caractères du nom du lieu.' })
    .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'Caractères de contrôle interdits.'),
});

/**
 * A place of the platform as another funder may see it before working with it: only what is
 * public about it (its name, its commune, its SIRET), never its people, account or funders.
 */
export const PlatformPlace = z
  .object({
    id: z.uuid(),
    name: z.string(),
    siret: z.string().nullable(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    /** already on this funder's roster */
    onRoster: z.boolean(),
  })
  .meta({ id: 'PlatformPlace' });

export const PlatformPlaces = z.object({
  places: z.array(PlatformPlace),
  /** more places match than are shown: more words narrow the search */
  more: z.boolean(),
});

export const RosterPlace = z
  .object({
    id: z.uuid(),
    name: z.string(),
    siret: z.string().nullable(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    /** true when the place was already on the platform, working with another funder */
    shared: z.boolean(),
  })
  .meta({ id: 'RosterPlace' });

export const Prescriber = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** null for prescribers recorded before kinds existed */
    kind: z.enum(PRESCRIBER_KINDS).nullable(),
    siret: z.string().nullable(),
    communeCode: z.string().nullable(),
    /** the commune's official name, for display */
    communeName: z.string().nullable(),
  })
  .meta({ id: 'Prescriber' });

/** GET /territories: a name (or a postcode, a département's number) and the levels to search. */
export const TerritoryQuery = z.object({
  q: z
    .string({ error: 'Saisissez le début d’un nom ou un code postal.' })
    .trim()
    .min(1, { error: 'Saisissez le début d’un nom ou un code postal.' })
    .max(100, { error: 'Saisissez au plus 100 caractères.' }),
  /** comma-separated, e.g. `commune,epci`; every level when absent */
  levels: z
    .string()
    .max(60, { error: 'Niveaux possibles : commune, epci, departement, region, séparés par des virgules.' })
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return [...TERRITORY_LEVELS];
      const asked = s.split(',').map((l) => l.trim());
      const unknown = asked.filter((l) => !(TERRITORY_LEVELS as readonly string[]).includes(l));
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `Niveau inconnu : ${unknown.join(', ')}. Niveaux possibles : ${TERRITORY_LEVELS.join(', ')}.`,
        });
        return z.NEVER;
      }
      return asked as (typeof TERRITORY_LEVELS)[number][];
    }),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  /**
   * Territories within every group (a wider one by all its communes): groups separated by
   * `;`, each a comma-separated list of `level:code` of which any will do
   * (`region:32;departement:80,departement:02`). The desk gives a booklet's
   * `residenceWithin` so that only the communes its beneficiary may live in are offered; an
   * envelope's form, the funder's territory (any level, API 1.47.0).
   */
  within: z
    .string()
    .max(4_000, { error: 'Le filtre de territoire compte au plus 4 000 caractères.' })
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === '') return [];
      const groups = s.split(';').map((g) => g.split(',').map((ref) => ref.trim().split(':')));
      const bad = groups
        .flat()
        .filter(
          ([level, code, ...rest]) =>
            rest.length > 0 ||
            !(TERRITORY_LEVELS as readonly string[]).includes(level ?? '') ||
            !/^[0-9AB]{2,9}$/.test(code ?? ''),
        );
      if (bad.length) {
        ctx.addIssue({
          code: 'custom',
          message: `Territoire illisible : ${bad.map((r) => r.join(':')).join(', ')}. Attendu : niveau:code (par exemple departement:80), séparés par des virgules, groupes séparés par des points-virgules.`,
        });
        return z.NEVER;
      }
      return groups.map((g) =>
        g.map(([level, code]) => ({ level: level as (typeof TERRITORY_LEVELS)[number], code: code! })),
      );
    }),
});

export const TerritoryMatch = z
  .object({
    level: z.enum(TERRITORY_LEVELS),
    code: z.string(),
    name: z.string(),
    label: z.string(),
    /** a commune's postcodes (communes only) */
    postcodes: z.array(z.string()).optional(),
  })
  .meta({ id: 'TerritoryMatch' });

const bankField = (what: string, max: number) =>
  z
    .string({ error: `Indiquez ${what}.` })
    .max(max, { error: `${what[0]?.toUpperCase()}${what.slice(1)} compte au plus ${max} caractères.` });

/** PATCH /funders/{funderId}/settings: either part, or both. */
/** The retention periods a funder chooses from (migration 0056 holds the same list). */
export const RETENTION_MONTHS = [6, 12, 24, 36, 60] as const;

const RetentionMonths = z
  .number()
  .int()
  .refine((n) => (RETENTION_MONTHS as readonly number[]).includes(n), {
    error: 'Choisissez une durée de conservation de 6, 12, 24, 36 ou 60 mois.',
  });

/** The funder's rule for a place's unusual day of redemptions (redemptions.unusualDays). */
const UnusualDayRule = z.object({
  minimum: z
    .number({ error: 'Indiquez le nombre de pass à partir duquel une journée est signalée.' })
    .int({ error: 'Le nombre de pass est un nombre entier.' })
    .min(5, { error: 'Une journée est signalée à partir de 5 pass au moins.' })
    .max(500, { error: 'Une journée est signalée à partir de 500 pass au plus.' }),
  factor: z
    .number({ error: 'Choisissez combien de fois l’habitude du lieu.' })
    .refine((n) => (UNUSUAL_DAY_FACTORS as readonly number[]).includes(n), {
      error: 'Choisissez 2, 3, 4 ou 5 fois l’habitude du lieu.',
    }),
});

/**
 * Whom the funder's places write to about their statements and payments: an e-mail address,
 * a phone number if any (digits, spaces, dots, dashes, a leading +, parentheses).
 */
export const PlaceContact = z
  .object({
    email: emailAddress(),
    phone: z
      .string()
      .trim()
      .max(30, { error: 'Numéro de téléphone trop long : 30 caractères au plus.' })
      .regex(/^\+?[0-9 .()-]{6,30}$/, {
        error:
          'Numéro de téléphone invalide : des chiffres, espaces ou points, 6 à 30 caractères (exemple : 03 74 27 00 00).',
      })
      .nullable()
      .optional()
      .transform((v) => v || null),
  })
  .meta({ id: 'PlaceContact' });

export const FunderSettingsBody = z
  .object({
    territory: z
      .array(TerritoryRefInput)
      .min(1, { error: 'Choisissez au moins un territoire.' })
      .max(500)
      .optional(),
    bankAccount: z
      .object({
        iban: bankField('l’IBAN', 50),
        bic: bankField('le BIC', 20),
        holder: bankField('le titulaire du compte', 200),
      })
      .optional(),
    /** Payment runs approved by another admin than their preparer (issue 12, point 3). */
    fourEyes: z.boolean({ error: 'fourEyes vaut true ou false.' }).optional(),
    beneficiaryRetentionMonths: RetentionMonths.optional(),
    /** whom a person writes to about their data; null removes it */
    privacyContact: z
      .string()
      .trim()
      .min(1, { error: 'Indiquez à qui écrire, ou laissez le champ vide.' })
      .max(300, { error: 'Le contact tient en 300 caractères au plus.' })
      .nullable()
      .optional(),
    /** when a place's day of redemptions is shown on the dashboard and e-mailed to the admins */
    unusualDay: UnusualDayRule.optional(),
    /** whom the funder's places write to about their statements; null removes it */
    placeContact: PlaceContact.nullable().optional(),
  })
  .refine(
    (b) =>
      b.placeContact !== undefined ||
      b.territory !== undefined ||
      b.bankAccount !== undefined ||
      b.fourEyes !== undefined ||
      b.beneficiaryRetentionMonths !== undefined ||
      b.privacyContact !== undefined ||
      b.unusualDay !== undefined,
    {
      error:
        'Indiquez le territoire, le compte bancaire, la règle des quatre yeux, la durée de conservation, le contact pour les données personnelles, le contact pour les lieux ou le seuil des journées inhabituelles à enregistrer.',
    },
  );

export type FunderSettingsInput = z.infer<typeof FunderSettingsBody>;

export const BankAccountView = z
  .object({
    /** electronic form for the funder's admins; masked for others (country and last four, in groups of four) */
    iban: z.string(),
    masked: z.boolean(),
    bic: z.string(),
    holder: z.string(),
    recordedAt: z.string(),
    recordedBy: z.string().nullable(),
  })
  .meta({ id: 'BankAccount' });

export const FunderSettings = z
  .object({
    funderId: z.uuid(),
    name: z.string(),
    territory: z.array(Territory),
    /** the account in force: the latest version; null before the first */
    bankAccount: BankAccountView.nullable(),
    /** every version, latest first */
    bankAccountHistory: z.array(BankAccountView),
    /** a payment run is approved by another admin than its preparer when the funder has two admins or more */
    fourEyes: z.boolean(),
    /** months the beneficiaries' names and birth dates are kept after the closure of their last programme */
    beneficiaryRetentionMonths: RetentionMonths,
    /** whom a person writes to about their data (the data protection officer), told in the information notice */
    privacyContact: z.string().nullable(),
    /** a place's day of at least `minimum` passes of a programme and more than `factor` times its usual number is shown */
    unusualDay: UnusualDayRule,
    /** whom its places write to about their statements and payments; null when none is given */
    placeContact: z.object({ email: z.string(), phone: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'FunderSettings' });
