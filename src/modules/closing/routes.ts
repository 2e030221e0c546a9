import { callDocumentTitle } from '../../core/cofunding.js';
import { fileSlug } from '../../core/text.js';
import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER, PDF_ANSWER } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { AsOfQuery, ProgramParams } from '../programs/schemas.js';
import { callForFundsPdf, sharesCsv } from './call-for-funds.js';
import { carryOverView, decide } from './carry-over.js';
import { closureSummary } from './closure.js';
import {
  CallForFundsQuery,
  CarryOverDecisionBody,
  CarryOverView,
  ClosureSummary,
  SharesQuery,
  SharesReport,
} from './schemas.js';
import * as shares from './shares.js';

export function closingRoutes(app: App, { db }: Deps) {
  app.get(
    '/programs/:programId/cofunder-shares',
    {
      schema: {
        ...api('getCofunderShares', "Each co-funder's share by its convention, received and balance", []),
        tags: ['finance'],
        summary: 'Part due par chaque cofinanceur selon sa convention, versé et solde',
        params: ProgramParams,
        querystring: SharesQuery,
        response: { 200: SharesReport },
      },
    },
    async (req) => shares.sharesOf(db, actorOf(req), req.params.programId, req.query.asOf),
  );

  app.get(
    '/programs/:programId/cofunder-shares.csv',
    {
      schema: {
        ...api('getCofunderSharesCsv', "The figures of the co-funders' shares (CSV)", [], {
          answer: CSV_ANSWER,
        }),
        tags: ['finance'],
        summary: 'Chiffres des parts des cofinanceurs (CSV)',
        params: ProgramParams,
        querystring: SharesQuery,
      },
    },
    async (req, reply) => {
      const report = await shares.sharesOf(db, actorOf(req), req.params.programId, req.query.asOf);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="parts-cofinanceurs-${fileSlug(report.programName, 'dispositif')}-${report.asOf}.csv"`,
        )
        .send(sharesCsv(report));
    },
  );

  app.get(
    '/programs/:programId/call-for-funds.pdf',
    {
      schema: {
        ...api('getCallForFunds', 'Call for funds to a co-funder, with its supporting figures (PDF)', [], {
          answer: PDF_ANSWER,
        }),
        tags: ['finance'],
        summary: 'Appel de fonds à un cofinanceur, avec ses justificatifs (PDF)',
        params: ProgramParams,
        querystring: CallForFundsQuery,
      },
    },
    async (req, reply) => {
      const { report, share } = await shares.shareOf(
        db,
        actorOf(req),
        req.params.programId,
        req.query.cofunder,
        req.query.asOf,
      );
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          // Named as titled: an « Avis de trop-perçu » saved as « appel-de-fonds… » read as a call.
          `attachment; filename="${fileSlug(callDocumentTitle(share.balanceCents), 'appel-de-fonds')}-${fileSlug(share.name, 'cofinanceur')}-${report.asOf}.pdf"`,
        )
        .send(await callForFundsPdf(report, share));
    },
  );

  app.get(
    '/programs/:programId/closure',
    {
      schema: {
        ...api('getClosure', "The programme's closure summary", []),
        tags: ['finance'],
        summary:
          'Bilan de fin de dispositif : dates de fin, pass émis, utilisés, expirés, annulés ; dû, payé ; reste à rendre à chaque payeur',
        params: ProgramParams,
        querystring: AsOfQuery,
        response: { 200: ClosureSummary },
      },
    },
    async (req) => closureSummary(db, actorOf(req), req.params.programId, req.query.asOf),
  );

  app.get(
    '/programs/:programId/carry-over',
    {
      schema: {
        ...api('getCarryOver', 'The carry-over of passes never handed out: decision, choices, outcome', []),
        tags: ['finance'],
        summary:
          'Report des pass jamais remis sur un dispositif suivant : choix en vigueur, dispositifs possibles, date et résultat',
        params: ProgramParams,
        response: { 200: CarryOverView },
      },
    },
    async (req) => carryOverView(db, actorOf(req), req.params.programId),
  );

  app.put(
    '/programs/:programId/carry-over',
    {
      schema: {
        ...api(
          'decideCarryOver',
          'Choose (or withdraw) the following programme for passes never handed out',
          [
            'carry_over_value_mismatch',
            'carry_over_target_not_running',
            'carry_over_no_room',
            'carry_over_too_late',
          ],
        ),
        tags: ['finance'],
        summary:
          'Choisir par son nom le dispositif suivant qui recevra les pass jamais remis à la fin d’utilisation, ou retirer ce choix (administrateur du financeur)',
        params: ProgramParams,
        body: CarryOverDecisionBody,
        response: { 200: CarryOverView },
      },
    },
    async (req) => decide(db, actorOf(req), req.params.programId, req.body.target),
  );
}
