import { z } from 'zod';
import { points as pointsText } from '../../core/french.js';
import { MAX_POINTS } from '../../core/questionnaire.js';
import { multilineText } from '../../http/text-fields.js';

export const FunderParams = z.object({ funderId: z.uuid() });
export const PlaceParams = z.object({ placeId: z.uuid() });

const points = z
  .number({ error: 'Indiquez un nombre de points.' })
  .int({ error: 'Les points sont un nombre entier.' })
  .min(0, { error: 'Les points ne peuvent pas être négatifs.' })
  .max(MAX_POINTS, { error: `Au plus ${pointsText(MAX_POINTS)} par réponse.` });
const label = (what: string) =>
  z
    .string({ error: `Indiquez ${what}.` })
    .trim()
    .min(1, { error: `Indiquez ${what}.` })
    .max(500, { error: 'Au plus 500 caractères.' });

export const QuestionInput = z.discriminatedUnion(
  'kind',
  [
    z.object({
      label: label("l'intitulé de la question"),
      kind: z.literal('choice'),
      choices: z
        .array(z.object({ label: label("l'intitulé de la réponse"), points }))
        .max(20, { error: 'Au plus 20 réponses par question.' }),
    }),
    z.object({
      label: label("l'intitulé de la question"),
      kind: z.literal('yes_no'),
      yesPoints: points,
      noPoints: points,
    }),
  ],
  { error: 'Choisissez le type de la question : à choix, ou oui/non.' },
);

export const QuestionnaireBody = z.object({
  passMark: points.describe("Seuil d'admission, en points"),
  questions: z.array(QuestionInput).max(50, { error: 'Au plus 50 questions.' }),
});

const Choice = z.object({ id: z.string(), label: z.string(), points: z.number() });
export const Question = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['choice', 'yes_no']),
  choices: z.array(Choice),
});
export const Questionnaire = z
  .object({
    version: z.number(),
    passMark: z.number(),
    maxScore: z.number(),
    questions: z.array(Question),
    createdAt: z.date(),
  })
  .meta({ id: 'Questionnaire' });

export const CharterBody = z.object({
  // Emptiness is checked by the service: a refinement here would drop the multi-line registration.
  text: multilineText(20_000),
});
export const Charter = z
  .object({ version: z.number(), text: z.string(), createdAt: z.date() })
  .meta({ id: 'Charter' });

export const QuestionnaireAnswer = z.object({
  current: Questionnaire.nullable(),
  versions: z.array(Questionnaire.pick({ version: true, passMark: true, createdAt: true })),
});
export const CharterAnswer = z.object({
  current: Charter.nullable(),
  versions: z.array(Charter.pick({ version: true, createdAt: true })),
});

export const ApplicationBody = z.object({
  programId: z.uuid({ error: 'Choisissez le dispositif.' }),
  /** The version the place answered: a newer one published meanwhile is refused. */
  questionnaireVersion: z.number().int().positive(),
  answers: z.array(z.object({ questionId: z.string().max(20), choiceId: z.string().max(20) })).max(50),
});

export const CharterAcceptanceBody = z.object({
  funderId: z.uuid(),
  version: z.number().int().positive(),
  signatory: z
    .string({ error: 'Indiquez le nom du signataire.' })
    .trim()
    .min(2, { error: 'Indiquez le nom et le prénom du signataire.' })
    .max(200, { error: 'Au plus 200 caractères.' }),
});

export const BankAccountBody = z.object({
  iban: z
    .string({ error: "Indiquez l'IBAN du compte." })
    .max(50, { error: "L'IBAN compte au plus 34 caractères." }),
  bic: z
    .string({ error: 'Indiquez le BIC de la banque.' })
    .max(20, { error: 'Le BIC compte 8 ou 11 caractères.' }),
  holder: z
    .string({ error: 'Indiquez le titulaire du compte.' })
    .max(200, { error: 'Au plus 200 caractères.' }),
  /** the password of the person recording it: where the money goes is what a stolen session changes first */
  currentPassword: z
    .string({ error: 'Mot de passe : saisissez celui avec lequel vous vous connectez.' })
    .min(1, { error: 'Mot de passe : saisissez celui avec lequel vous vous connectez.' })
    .max(1024),
});

export const BankAccount = z
  .object({
    id: z.number(),
    iban: z.string(),
    bic: z.string(),
    holder: z.string(),
    /** false when the IBAN and BIC are shown masked (to those who may not read them whole) */
    full: z.boolean(),
    createdAt: z.date(),
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'PlaceBankAccount' });

/**
 * A new account recorded: the account as the list shows it, and the transfers engaged before it
 * that still go to the former account (a run pays the accounts it was prepared and approved
 * with; a file sent is gone), for the page to say so.
 */
export const RecordedBankAccount = BankAccount.extend({
  formerAccountTransfers: z.array(
    z.object({
      funderName: z.string(),
      amountCents: z.number(),
      /** its run prepared or approved, or its file sent to the bank (not yet booked) */
      state: z.enum(['prepared', 'approved', 'sent']),
      /** 'YYYY-MM-DD': the day its run was prepared, approved or sent */
      since: z.string(),
      /** the former account's last four characters */
      formerIbanEnd: z.string(),
    }),
  ),
}).meta({ id: 'RecordedPlaceBankAccount' });

export const Application = z
  .object({
    id: z.number(),
    programId: z.uuid(),
    questionnaireVersion: z.number(),
    answers: z.array(z.object({ questionId: z.string(), choiceId: z.string() })),
    score: z.number(),
    maxScore: z.number(),
    passMark: z.number(),
    passed: z.boolean(),
    submittedAt: z.date(),
    submittedBy: z.string().nullable(),
    /** the questions of the version answered, to read the answers against */
    questions: z.array(Question).optional(),
  })
  .meta({ id: 'PlaceApplication' });

export const CharterAcceptance = z.object({
  version: z.number(),
  signatory: z.string(),
  acceptedOn: z.string(),
  current: z.boolean(),
});

/** What a funder asks of a place, and where the place stands with it, for one funder. */
export const FunderQualification = z.object({
  funderId: z.uuid(),
  funderName: z.string(),
  questionnaire: Questionnaire.nullable(),
  charter: Charter.nullable(),
  charterAcceptance: CharterAcceptance.nullable(),
  programs: z.array(
    z.object({
      programId: z.uuid(),
      programName: z.string(),
      /**
       * Whether the programme still takes new places. False: an application not answered yet
       * will not be (« Programme clos avant la décision : demande sans suite »), unless the
       * funder refuses it.
       */
      takesApplications: z.boolean(),
      application: Application.nullable(),
    }),
  ),
});

export const PlaceQualification = z.object({
  bankAccount: BankAccount.nullable(),
  funders: z.array(FunderQualification),
});

/** A place's qualification as one funder sees it (in GET /funders/{funderId}/places/{placeId}). */
export const FunderPlaceQualification = z.object({
  questionnaire: Questionnaire.nullable(),
  charter: Charter.nullable(),
  charterAcceptance: CharterAcceptance.nullable(),
  applications: z.array(Application),
  bankAccount: BankAccount.nullable(),
});
