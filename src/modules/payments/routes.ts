import { DomainError } from '../../core/errors.js';
import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER, SEPA_ANSWER } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { PlaceParams } from '../places/schemas.js';
import {
  ApproveRunBody,
  BankImport,
  DecisionBody,
  FunderParams,
  ImportParams,
  ImportQuery,
  LineParams,
  PaymentRun,
  PaymentsOverview,
  PaymentTransfer,
  PlaceTransferList,
  PlaceTransfersQuery,
  PrepareRunBody,
  RejectRunBody,
  RunParams,
  TransferParams,
  WriteOffBody,
} from './schemas.js';
import * as service from './service.js';

/** A bank's statement of a month is a few hundred kilobytes; this leaves room for a year. */
const MAX_BANK_FILE = 20 * 1024 * 1024;

export function paymentRoutes(app: App, { db }: Deps) {
  if (!app.hasContentTypeParser('application/octet-stream'))
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );

  app.get(
    '/funders/:funderId/payments',
    {
      schema: {
        ...api('getPaymentsOverview', 'Statements to pay, payment runs and bank imports', []),
        tags: ['payments'],
        summary:
          'Paiements des lieux : relevés à payer, lots de paiement (virements SEPA) et relevés bancaires importés',
        params: FunderParams,
        response: { 200: PaymentsOverview },
      },
    },
    async (req) => service.overview(db, actorOf(req), req.params.funderId),
  );

  app.post(
    '/funders/:funderId/payment-runs',
    {
      schema: {
        ...api('preparePaymentRun', 'Prepare a payment run from the statements issued', [
          'no_bank_account',
          'nothing_to_pay',
          'creditor_is_debtor',
        ]),
        tags: ['payments'],
        summary:
          'Préparer un lot de paiement : les relevés émis et non contestés, un virement par lieu et dispositif (administrateur du financeur)',
        params: FunderParams,
        body: PrepareRunBody,
        response: { 201: PaymentRun },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.prepareRun(db, actorOf(req), req.params.funderId, req.body)),
  );

  app.post(
    '/funders/:funderId/payment-runs/:runId/approve',
    {
      schema: {
        ...api('approvePaymentRun', 'Approve a payment run (four eyes)', [
          'accounts_to_check',
          'four_eyes',
          'run_state',
          'statement_state',
        ]),
        tags: ['payments'],
        summary:
          'Approuver un lot (et ses relevés) ; refusé (four_eyes) à celui qui l’a préparé quand le financeur a deux administrateurs ou plus',
        params: RunParams,
        body: ApproveRunBody,
        response: { 200: PaymentRun },
      },
    },
    async (req) =>
      service.approveRun(db, actorOf(req), req.params.funderId, req.params.runId, req.body ?? {}),
  );

  app.post(
    '/funders/:funderId/payment-runs/:runId/cancel',
    {
      schema: {
        ...api('cancelPaymentRun', 'Cancel a payment run before it is sent', [
          'run_state',
          'statement_state',
        ]),
        tags: ['payments'],
        summary: 'Annuler un lot avant son envoi à la banque : ses relevés iront dans un prochain lot',
        params: RunParams,
        response: { 200: PaymentRun },
      },
    },
    async (req) => service.cancelRun(db, actorOf(req), req.params.funderId, req.params.runId),
  );

  app.post(
    '/funders/:funderId/payment-runs/:runId/reject',
    {
      schema: {
        ...api(
          'rejectPaymentRun',
          "Record that the bank refused a sent run's whole file (its pain.002), with the bank's reason: its statements go into the next run",
          ['run_state', 'run_transfers_booked'],
        ),
        tags: ['payments'],
        summary:
          'Enregistrer le refus du fichier entier par la banque (compte rendu de rejet), avec son motif : le lot et ses virements sont refusés, ses relevés iront dans un prochain lot (administrateur du financeur ; refusé si la banque a déjà passé un de ses virements)',
        params: RunParams,
        body: RejectRunBody,
        response: { 200: PaymentRun },
      },
    },
    async (req) =>
      service.rejectRun(db, actorOf(req), req.params.funderId, req.params.runId, req.body.reason),
  );

  // A POST, not a GET: the first download sends the run (a change no link from elsewhere may cause).
  app.post(
    '/funders/:funderId/payment-runs/:runId/sepa',
    {
      schema: {
        ...api(
          'downloadSepaFile',
          "The run's SEPA credit transfer file (pain.001.001.03); the first download sends the run",
          ['run_state', 'no_approved_run', 'statement_state'],
          { answer: SEPA_ANSWER },
        ),
        tags: ['payments'],
        summary:
          'Fichier de virements SEPA (ISO 20022 pain.001.001.03) d’un lot approuvé : le premier téléchargement met ses relevés en paiement',
        params: RunParams,
      },
    },
    async (req, reply) => {
      const file = await service.sepaFile(db, actorOf(req), req.params.funderId, req.params.runId);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.xml);
    },
  );

  app.post(
    '/funders/:funderId/bank-imports',
    {
      bodyLimit: MAX_BANK_FILE,
      schema: {
        ...api(
          'importBankStatement',
          "Import the bank's statement (camt.053 or CSV) and reconcile the transfers",
          ['file_expected', 'bank_file_already_imported'],
        ),
        tags: ['payments'],
        summary:
          'Importer le relevé de la banque (camt.053 ou CSV date;montant;référence de bout en bout;libellé, un paiement en montant négatif, corps application/octet-stream) : rapprochement des virements',
        params: FunderParams,
        querystring: ImportQuery,
        response: { 201: BankImport },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // Authorised first: a caller without the right learns nothing from a bad body.
      service.mayPay(actor, req.params.funderId);
      const content = Buffer.isBuffer(req.body) ? req.body : undefined;
      if (!content)
        throw new DomainError(
          'file_expected',
          'Envoyez le fichier lui-même (application/octet-stream), au format camt.053 ou CSV.',
          [{ field: 'file', message: 'Choisissez le relevé de la banque (camt.053 ou CSV).' }],
        );
      const report = await service.importBankStatement(db, actor, req.params.funderId, {
        format: req.query.format,
        fileName: req.query.fileName,
        content,
      });
      return reply.code(201).send(report);
    },
  );

  app.get(
    '/places/:placeId/transfers',
    {
      schema: {
        ...api(
          'listPlaceTransfers',
          "The transfers the place's funders sent to its bank in a period, as its bank statement shows them: reference, remittance text, account paid (last four characters), statements paid",
          [],
        ),
        tags: ['payments'],
        summary:
          'Les virements envoyés au lieu sur une période, tels que son relevé bancaire les montre : référence, libellé, compte crédité (quatre derniers caractères), relevés payés',
        params: PlaceParams,
        querystring: PlaceTransfersQuery,
        response: { 200: PlaceTransferList },
      },
    },
    async (req) => service.transfersToPlace(db, actorOf(req), req.params.placeId, req.query),
  );

  app.get(
    '/places/:placeId/transfers.csv',
    {
      schema: {
        ...api('exportPlaceTransfers', "The place's transfers of a period, as one CSV file", [], {
          answer: CSV_ANSWER,
        }),
        tags: ['payments'],
        summary: 'Les virements envoyés au lieu sur une période, en un fichier CSV',
        params: PlaceParams,
        querystring: PlaceTransfersQuery,
      },
    },
    async (req, reply) => {
      const file = await service.transfersToPlaceCsv(db, actorOf(req), req.params.placeId, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );

  app.get(
    '/funders/:funderId/bank-imports/:bankImportId',
    {
      schema: {
        ...api('getBankImport', 'One bank import and its report line by line', []),
        tags: ['payments'],
        summary:
          'Rapport d’un relevé bancaire importé : lignes rapprochées, montants différents, non rapprochées',
        params: ImportParams,
        response: { 200: BankImport },
      },
    },
    async (req) => service.bankImport(db, actorOf(req), req.params.funderId, req.params.bankImportId),
  );

  app.post(
    '/funders/:funderId/bank-imports/:bankImportId/lines/:lineId/decision',
    {
      schema: {
        ...api('decideBankLine', 'Decide on a partial or unmatched line of a bank statement', [
          'line_decided',
          'transfer_settled',
        ]),
        tags: ['payments'],
        summary:
          'Décider d’une ligne du relevé : accepter ou écarter un montant différent, écarter une ligne non rapprochée',
        params: LineParams,
        body: DecisionBody,
        response: { 200: BankImport },
      },
    },
    async (req) =>
      service.decideLine(
        db,
        actorOf(req),
        req.params.funderId,
        req.params.bankImportId,
        req.params.lineId,
        req.body.decision,
        req.body.reason,
      ),
  );

  app.post(
    '/funders/:funderId/payment-transfers/:transferId/write-off',
    {
      schema: {
        ...api(
          'writeOffTransferRemainder',
          'Write off the remainder of a transfer paid in part or sent back by the bank (asked of a complement: its chain’s); answers the chain’s first transfer',
          [
            'no_remainder',
            'complement_in_progress',
            'write_off_beyond_owed',
            'write_off_pending_cancellations',
          ],
        ),
        tags: ['payments'],
        summary:
          'Passer en perte le reste d’un virement payé en partie ou retourné par la banque, avec un motif (administrateur du financeur) : il ne sera pas payé',
        params: TransferParams,
        body: WriteOffBody,
        response: { 200: PaymentTransfer },
      },
    },
    async (req) =>
      service.writeOffRemainder(
        db,
        actorOf(req),
        req.params.funderId,
        req.params.transferId,
        req.body.reason,
      ),
  );
}
