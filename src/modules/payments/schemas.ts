import { z } from 'zod';
import { RUN_STATUSES, TRANSFER_STATUSES } from '../../core/payment-run.js';
import { multilineText } from '../../http/text-fields.js';
import { IsoDate } from '../programs/schemas.js';

export const FunderParams = z.object({ funderId: z.uuid() });
export const RunParams = z.object({ funderId: z.uuid(), runId: z.uuid() });
export const ImportParams = z.object({ funderId: z.uuid(), bankImportId: z.uuid() });
export const TransferParams = z.object({ funderId: z.uuid(), transferId: z.uuid() });
export const LineParams = z.object({
  funderId: z.uuid(),
  bankImportId: z.uuid(),
  lineId: z.coerce.number().int().positive(),
});

export const ApproveRunBody = z
  .object({
    /**
     * A run paying an account to check (`accountNew`, `accountSharedWith`) is approved only with
     * this confirmation that the accounts were checked with the places: `409 accounts_to_check`
     * otherwise.
     */
    confirmAccountsChecked: z.boolean().optional(),
  })
  // A request with no body at all, as before this confirmation existed, is one without it.
  .nullish();

export const PrepareRunBody = z.object({
  /**
   * the day the bank is asked to execute the transfers: today or later, a day banks execute
   * transfers (no weekend, TARGET2 closing day or French public holiday); by default the next one
   */
  requestedExecutionDate: IsoDate.optional(),
});

const TransferStatus = z.enum(TRANSFER_STATUSES);

export const PaymentTransfer = z
  .object({
    id: z.uuid(),
    placeId: z.uuid(),
    placeName: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    amountCents: z.number(),
    endToEndId: z.string(),
    /** masked: country and last four characters */
    iban: z.string(),
    /**
     * the place recorded another bank account since the run was prepared: the transfer keeps
     * the one it was prepared and approved with (API 1.14.0)
     */
    accountChangedSince: z.boolean(),
    /** the day the place recorded the account paid (API 1.21.0) */
    accountRecordedOn: z.string(),
    /**
     * the account replaced an earlier one of the place within the 30 days before the run was
     * prepared: to check with the place before approving (API 1.21.0)
     */
    accountNew: z.boolean(),
    /**
     * the other places whose current account has the same IBAN, by name (API 1.21.0); not those
     * of the place's legal entity (same SIREN, the SIRET's first 9 digits): the money stays with it
     */
    accountSharedWith: z.array(z.string()),
    statementNumbers: z.array(z.string()),
    status: TransferStatus,
    paidCents: z.number().nullable(),
    paidOn: z.string().nullable(),
    /** returned: the day the bank booked it coming back, and its ISO 20022 reason (e.g. AC04) */
    returnedOn: z.string().nullable(),
    returnReason: z.string().nullable(),
    /** a complement: the end-to-end id of the transfer paid in part or returned whose remainder it pays */
    complementOf: z.string().nullable(),
    /** a complement that sends a returned transfer again whole (« Nouvel envoi »), not the rest of a partial one */
    sentAgain: z.boolean(),
    /** a transfer paid in part or returned: what is left to pay (0 once complemented or written off) */
    remainderCents: z.number(),
    /**
     * what writing the rest off would take now: the rest netted with the place's statements
     * below zero issued since (passes cancelled after they were stated), which close with it;
     * 0 or below when there is nothing to write off (API 1.9.0)
     */
    writeOffCents: z.number(),
    /** of it, what the funder wrote off (not to be paid) */
    writtenOffCents: z.number(),
  })
  .meta({ id: 'PaymentTransfer' });

const Remainder = z.object({
  endToEndId: z.string(),
  placeName: z.string(),
  statementNumbers: z.array(z.string()),
  remainderCents: z.number(),
});

/** A complement as the next run would send it (API 1.9.0). */
const PlannedComplement = Remainder.extend({
  /** the place's statements of the programme issued since, of either sign, netted into it */
  carriedNumbers: z.array(z.string()),
  /** the remainder with those statements: what the transfer pays */
  amountCents: z.number(),
});

export const PaymentRun = z
  .object({
    id: z.uuid(),
    /** rejected: the bank refused its whole file; its statements go into the next run (API 1.14.0) */
    status: z.enum(RUN_STATUSES),
    messageId: z.string(),
    requestedExecutionDate: z.string(),
    /**
     * once sent: the day its file asks the bank to execute, the requested one or, when that one
     * had passed by the sending, the next bank business day (API 1.14.0)
     */
    sentExecutionDate: z.string().nullable(),
    totalCents: z.number(),
    transferCount: z.number(),
    preparedBy: z.string().nullable(),
    preparedAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    sentAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    /** the bank refused its whole file: when that was recorded, by whom, and the bank's reason (API 1.14.0) */
    rejectedAt: z.string().nullable(),
    rejectedBy: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    /** the funder recorded another bank account since: the run debits the one it was prepared with (API 1.14.0) */
    debtorAccountChangedSince: z.boolean(),
    /** whether the caller may approve it now, and if not, why (in French) */
    mayApprove: z.boolean(),
    approveBlockedReason: z.string().nullable(),
    transfers: z.array(PaymentTransfer),
  })
  .meta({ id: 'PaymentRun' });

export const BankLineView = z
  .object({
    id: z.number(),
    line: z.number(),
    endToEndId: z.string().nullable(),
    amountCents: z.number(),
    debit: z.boolean(),
    bookingDate: z.string().nullable(),
    label: z.string(),
    /** returned: a credit giving back a transfer that was paid */
    outcome: z.enum(['matched', 'partial', 'returned', 'unmatched', 'ignored']),
    /** unmatched: why (e.g. already_settled, not_paid_yet); returned: the bank's ISO reason */
    reason: z.string().nullable(),
    transferId: z.uuid().nullable(),
    placeName: z.string().nullable(),
    expectedCents: z.number().nullable(),
    decision: z.enum(['accept', 'reject', 'dismiss']).nullable(),
    decidedAt: z.string().nullable(),
    /** a partial line still waiting whose transfer another line reconciled since: it may only be set aside (API 1.42.0) */
    transferSettledSince: z.boolean(),
  })
  .meta({ id: 'BankLine' });

export const BankImport = z
  .object({
    id: z.uuid(),
    format: z.enum(['camt053', 'csv']),
    fileName: z.string(),
    importedAt: z.string(),
    importedBy: z.string().nullable(),
    counts: z.object({
      matched: z.number(),
      partial: z.number(),
      returned: z.number(),
      unmatched: z.number(),
      ignored: z.number(),
    }),
    /** partial and unmatched lines still awaiting a decision */
    pending: z.number(),
    /** lines reconciled: matched, or accepted by a person afterwards (`accepted`) */
    reconciled: z.number(),
    /** lines of another amount, or above their transfer, that a person accepted: the place paid what the bank booked */
    accepted: z.number(),
    lines: z.array(BankLineView),
  })
  .meta({ id: 'BankImport' });

export const PaymentsOverview = z
  .object({
    fourEyes: z.boolean(),
    adminCount: z.number(),
    /** the funder's account in force, masked; null when it has none yet (no run can be prepared) */
    debtorAccount: z.object({ iban: z.string(), holder: z.string() }).nullable(),
    /** what the next run would send (API 1.9.0: as prepareRun plans it) */
    payable: z.object({
      /** statements issued, not contested, not yet in a run, paid by new transfers */
      statements: z.number(),
      totalCents: z.number(),
      /** places owed money with no bank account: left out of runs until they give one */
      placesWithoutAccount: z.array(z.string()),
      /**
       * remainders of transfers paid in part or returned, which the next run pays by a
       * complement, netted with the place's statements issued since (not counted above)
       */
      complements: z.array(PlannedComplement),
      /** complements that the netting leaves at zero or below: they wait for the place's next statements */
      heldByNetting: z.array(PlannedComplement),
      /**
       * remainders of transfers the bank sent back from the account the place still has: held
       * until the place records a bank account (API 1.6.0)
       */
      awaitingAccount: z.array(Remainder),
      /**
       * places whose current account the bank sent a transfer back from: nothing is sent to
       * them, their statements included, until they record a bank account anew (API 1.7.0)
       */
      placesAwaitingAccount: z.array(z.string()),
    }),
    runs: z.array(PaymentRun),
    imports: z.array(BankImport.omit({ lines: true })),
  })
  .meta({ id: 'PaymentsOverview' });

export const ImportQuery = z.object({
  format: z.enum(['camt053', 'csv'], { error: 'format vaut camt053 ou csv.' }),
  fileName: z.string().trim().min(1).max(200).default('releve'),
});

const TOO_LONG = 'Le motif tient en 500 caractères au plus.';

export const DecisionBody = z.object({
  decision: z.enum(['accept', 'reject', 'dismiss'], {
    error:
      'La décision vaut accept (accepter le montant reçu, ou pour un débit supérieur au virement enregistrer le virement payé de son montant), reject (écarter la ligne) ou dismiss (ligne sans rapport).',
  }),
  /**
   * Why the line is set aside: required to reject or dismiss a line (money that left the
   * account, or arrived, unexplained), kept in the journal (API 1.21.0).
   */
  reason: multilineText(500, {
    missing: 'Dites pourquoi cette ligne est écartée.',
    tooLong: TOO_LONG,
  }).optional(),
});

export const WriteOffBody = z.object({
  /** why the remainder will not be paid (e.g. the place agreed to a deduction) */
  reason: multilineText(500, {
    missing: 'Dites pourquoi ce reste ne sera pas payé (motif obligatoire).',
    tooLong: TOO_LONG,
  }),
});

export const RejectRunBody = z.object({
  /** the bank's reason, as its rejection report (pain.002) gives it (e.g. debtor account blocked) */
  reason: multilineText(500, {
    missing:
      'Dites pourquoi la banque a refusé le fichier (motif obligatoire), comme l’indique son compte rendu de rejet.',
    tooLong: TOO_LONG,
  }),
});

export const PlaceTransfersQuery = z
  .object({
    from: IsoDate.meta({
      description: 'First day the transfers were sent to the bank (Europe/Paris), inclusive.',
    }),
    to: IsoDate.meta({
      description: 'Last day the transfers were sent to the bank (Europe/Paris), inclusive.',
    }),
  })
  .refine((q) => q.from <= q.to, {
    path: ['to'],
    message: 'La fin de la période ne peut pas précéder son début.',
  });

/**
 * A transfer to the place as its bank statement shows it, for its treasurer to tick off line by
 * line: the reference and remittance text the SEPA file carried, never the whole IBAN.
 */
export const PlaceTransfer = z
  .object({
    id: z.uuid(),
    funderId: z.uuid(),
    funderName: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    /** the day (Paris) its file was sent to the bank */
    sentOn: z.string(),
    /** the day that file asked the bank to execute it */
    executionDate: z.string().nullable(),
    /**
     * sent: the funder's bank has not shown it yet; paid, or paid in part (`paidCents`), on the
     * day the funder's bank booked it; returned: the place's bank sent it back
     */
    status: z.enum(['sent', 'paid', 'partial', 'returned']),
    amountCents: z.number(),
    paidCents: z.number().nullable(),
    paidOn: z.string().nullable(),
    returnedOn: z.string().nullable(),
    /** the ISO 20022 code (e.g. AC04), and in words */
    returnReason: z.string().nullable(),
    returnReasonLabel: z.string().nullable(),
    /** the bank's reference of the transfer (EndToEndId) */
    endToEndId: z.string(),
    /** the remittance text, as the file carried it (RmtInf/Ustrd) */
    remittance: z.string(),
    /** who pays, as the file named it (the funder's account holder) */
    payerName: z.string(),
    /** the last four characters of the IBAN paid */
    ibanEnd: z.string(),
    /** the statements it pays (a complement: the rest of those of the transfer it completes) */
    statements: z.array(z.object({ id: z.uuid(), number: z.string() })),
  })
  .meta({ id: 'PlaceTransfer' });

export const PlaceTransferList = z.object({
  from: z.string(),
  to: z.string(),
  transfers: z.array(PlaceTransfer),
});
