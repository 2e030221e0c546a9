import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER, PDF_ANSWER } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams } from '../funders/schemas.js';
import * as payments from '../payments/service.js';
import { PlaceParams } from '../places/schemas.js';
import {
  FinalStatementBody,
  FunderStatementList,
  Payables,
  PayablesQuery,
  PlacePayables,
  PlaceStatementList,
  PlaceYear,
  PlaceYearQuery,
  ReasonBody,
  Statement,
  StatementExportQuery,
  StatementFilters,
  StatementParams,
} from './schemas.js';
import * as service from './service.js';

const TYPES = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' } as const;

export function statementRoutes(app: App, { db }: Deps) {
  /**
   * Statements read (and authorised) here, with what the payments side knows of them: a partial
   * payment, for one below zero the statements whose payment it was deducted from, and a file
   * the bank refused.
   */
  async function withInstalments<T extends { id: string }>(rows: T[]) {
    const ids = rows.map((r) => r.id);
    const [found, deducted, refused, waiting] = await Promise.all([
      payments.instalmentsOf(db, ids),
      payments.deductionsOf(db, ids),
      payments.bankRefusalsOf(db, ids),
      payments.runsWaitingOf(db, ids),
    ]);
    return rows.map((r) => ({
      ...r,
      instalments: found.get(r.id) ?? null,
      deductedFrom: deducted.get(r.id) ?? null,
      bankRefusedOn: refused.get(r.id) ?? null,
      inRun: waiting.get(r.id) ?? null,
    }));
  }
  const withInstalment = async <T extends { id: string }>(row: T) => (await withInstalments([row]))[0]!;

  app.get(
    '/places/:placeId/statements',
    {
      schema: {
        ...api('listPlaceStatements', "The place's monthly statements", []),
        tags: ['statements'],
        summary:
          'Relevés mensuels du lieu (tous financeurs), du plus récent au plus ancien, et à qui écrire chez chaque financeur',
        params: PlaceParams,
        response: { 200: PlaceStatementList },
      },
    },
    async (req) => {
      const list = await service.listForPlace(db, actorOf(req), req.params.placeId);
      return { ...list, statements: await withInstalments(list.statements) };
    },
  );

  app.get(
    '/places/:placeId/payables',
    {
      schema: {
        ...api(
          'getPlacePayables',
          'What the place is owed, per funder and programme, as of a date (end of day, today by default): owed, in a statement, approved, sent for payment, paid',
          [],
        ),
        tags: ['statements'],
        summary:
          'Ce qui est dû au lieu, par financeur et dispositif, à une date (fin de journée, aujourd’hui par défaut) : dû (dont pas encore en relevé), en relevé, approuvé, envoyé en paiement, payé',
        params: PlaceParams,
        querystring: PayablesQuery,
        response: { 200: PlacePayables },
      },
    },
    async (req) => service.placePayables(db, actorOf(req), req.params.placeId, req.query.asOf),
  );

  app.get(
    '/places/:placeId/year',
    {
      schema: {
        ...api(
          'getPlaceYear',
          "The place's year for its accounts, per funder and programme: the year's sessions, paid and written off in it, owed at its end (of which stated, approved)",
          [],
        ),
        tags: ['statements'],
        summary:
          'L’année du lieu pour ses comptes, par financeur et dispositif : séances de l’année, payé et passé en perte dans l’année, dû à sa fin (dont en relevé, approuvé)',
        params: PlaceParams,
        querystring: PlaceYearQuery,
        response: { 200: PlaceYear },
      },
    },
    async (req) => service.placeYear(db, actorOf(req), req.params.placeId, req.query.year),
  );

  app.get(
    '/places/:placeId/year.csv',
    {
      schema: {
        ...api('exportPlaceYear', "The place's year for its accounts, as one CSV file", [], {
          answer: CSV_ANSWER,
        }),
        tags: ['statements'],
        summary: 'L’année du lieu pour ses comptes, en un fichier CSV',
        params: PlaceParams,
        querystring: PlaceYearQuery,
      },
    },
    async (req, reply) => {
      const file = await service.placeYearCsv(db, actorOf(req), req.params.placeId, req.query.year);
      return reply
        .type(TYPES.csv)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );

  app.get(
    '/funders/:funderId/statements',
    {
      schema: {
        ...api('listFunderStatements', "The funder's statements, with filters, sorted and page by page", []),
        tags: ['statements'],
        summary:
          'Relevés mensuels du financeur, filtrés par mois, lieu, dispositif et état, triés et page par page',
        params: FunderParams,
        querystring: StatementFilters,
        response: { 200: FunderStatementList },
      },
    },
    async (req) => {
      const list = await service.listForFunder(db, actorOf(req), req.params.funderId, req.query);
      return { ...list, statements: await withInstalments(list.statements) };
    },
  );

  app.get(
    '/funders/:funderId/statements.csv',
    {
      schema: {
        ...api(
          'exportFunderStatements',
          "The funder's statements chosen by the filters, as one CSV file",
          [],
          {
            answer: CSV_ANSWER,
          },
        ),
        tags: ['statements'],
        summary:
          'Les relevés choisis par les filtres, tous, dans l’ordre de la liste, en un fichier CSV pour la comptabilité',
        params: FunderParams,
        querystring: StatementExportQuery,
      },
    },
    async (req, reply) => {
      const file = await service.exportForFunder(db, actorOf(req), req.params.funderId, req.query);
      return reply
        .type(TYPES.csv)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );

  app.post(
    '/funders/:funderId/statements/final',
    {
      schema: {
        ...api(
          'issueFinalStatement',
          "A place's final statement for one programme, issued now: every redemption and adjustment not yet stated, for a place that no longer takes the programme's passes (the funder's admins)",
          ['place_still_redeeming', 'nothing_to_state', 'final_statement_exists'],
        ),
        tags: ['statements'],
        summary:
          'Établir le relevé final d’un lieu qui a cessé (suspendu ou retiré du dispositif) : tout ce qui n’est pas encore relevé, jusqu’à maintenant, en un relevé numéroté comme les relevés mensuels (administrateur du financeur)',
        params: FunderParams,
        body: FinalStatementBody,
        response: { 201: Statement },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await withInstalment(await service.issueFinal(db, actorOf(req), req.params.funderId, req.body)),
        ),
  );

  app.get(
    '/funders/:funderId/payables',
    {
      schema: {
        ...api(
          'getPayables',
          'Per place and programme: owed, in a statement, approved, sent for payment, paid (as of a date)',
          [],
        ),
        tags: ['statements'],
        summary:
          'Ce que le financeur doit à chaque lieu, par dispositif, à une date (fin de journée) : dû, en relevé, approuvé, envoyé en paiement, payé',
        params: FunderParams,
        querystring: PayablesQuery,
        response: { 200: Payables },
      },
    },
    async (req) => service.payables(db, actorOf(req), req.params.funderId, req.query.asOf),
  );

  app.get(
    '/statements/:statementId',
    {
      schema: {
        ...api('getStatement', 'One statement with its lines and events', []),
        tags: ['statements'],
        summary: 'Un relevé et son historique (émission, contestation, réponse…)',
        params: StatementParams,
        response: { 200: Statement },
      },
    },
    async (req) => {
      const [statement] = await withInstalments([
        await service.get(db, actorOf(req), req.params.statementId),
      ]);
      return statement!;
    },
  );

  for (const format of ['pdf', 'csv'] as const) {
    app.get(
      `/statements/:statementId/${format}`,
      {
        schema: {
          ...api(
            format === 'pdf' ? 'getStatementPdf' : 'getStatementCsv',
            `The statement as ${format.toUpperCase()} (pass codes masked)`,
            [],
            { answer: format === 'pdf' ? PDF_ANSWER : CSV_ANSWER },
          ),
          tags: ['statements'],
          summary: `Le relevé en ${format.toUpperCase()} (codes des pass masqués)`,
          params: StatementParams,
        },
      },
      async (req, reply) => {
        const file = await service.download(db, actorOf(req), req.params.statementId, format, withInstalment);
        return reply
          .type(TYPES[format])
          .header('content-disposition', `attachment; filename="${file.name}"`)
          .send(file.body);
      },
    );
  }

  app.post(
    '/statements/:statementId/contest',
    {
      schema: {
        ...api('contestStatement', 'Contest a statement within 15 days, with a reason (the place)', [
          'statement_status',
          'contest_window_closed',
        ]),
        tags: ['statements'],
        summary: `Le lieu conteste son relevé (dans les 15 jours de son émission), motif à l'appui`,
        params: StatementParams,
        body: ReasonBody,
        response: { 200: Statement },
      },
    },
    async (req) => withInstalment(await service.contest(db, actorOf(req), req.params.statementId, req.body)),
  );

  app.post(
    '/statements/:statementId/answer',
    {
      schema: {
        ...api('answerStatementContest', "Answer a place's contest (the funder)", ['statement_status']),
        tags: ['statements'],
        summary: 'Le financeur répond à la contestation : le relevé est de nouveau émis, avec la réponse',
        params: StatementParams,
        body: ReasonBody,
        response: { 200: Statement },
      },
    },
    async (req) => withInstalment(await service.answer(db, actorOf(req), req.params.statementId, req.body)),
  );
}
