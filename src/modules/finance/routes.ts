import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { AsOfQuery, ProgramParams } from '../programs/schemas.js';
import {
  FinanceSummary,
  FundingBody,
  FundingParams,
  FundingResult,
  Payer,
  ReversalBody,
  ReversalResult,
} from './schemas.js';
import * as service from './service.js';

export function financeRoutes(app: App, { db }: Deps) {
  app.post(
    '/programs/:programId/fundings',
    {
      schema: {
        ...api('recordFunding', 'Record a funding received (activates the passes it covers)', [
          'duplicate_funding',
          'payer_not_cofunder',
          'payer_share_exceeded',
          'program_status_forbids',
        ]),
        tags: ['finance'],
        summary: 'Enregistrer un versement reçu (active les pass couverts)',
        params: ProgramParams,
        body: FundingBody,
        response: { 201: FundingResult },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.recordFunding(db, actorOf(req), req.params.programId, req.body)),
  );

  app.get(
    '/programs/:programId/finance',
    {
      schema: {
        ...api('getFinance', 'Value paid in, activated and remaining; passes by status'),
        tags: ['finance'],
        summary: 'Valeur versée, activée et restante ; pass par statut',
        params: ProgramParams,
        response: { 200: FinanceSummary },
      },
    },
    async (req) => service.summary(db, actorOf(req), req.params.programId),
  );

  app.get(
    '/programs/:programId/payers',
    {
      schema: {
        ...api(
          'listPayers',
          'Possible payers at a date (the funder and its co-funders), with their share and fundings',
        ),
        tags: ['finance'],
        summary:
          'Payeurs possibles à une date (le financeur et ses cofinanceurs), avec leur part et leurs versements',
        params: ProgramParams,
        querystring: AsOfQuery,
        response: { 200: z.array(Payer) },
      },
    },
    async (req) => service.payers(db, actorOf(req), req.params.programId, req.query.asOf),
  );

  app.post(
    '/programs/:programId/fundings/:fundingId/reversal',
    {
      schema: {
        ...api('reverseFunding', 'Reverse a funding recorded in error (a reasoned reversing entry)', [
          'funding_already_reversed',
          'funding_passes_circulating',
          'funding_value_used',
        ]),
        tags: ['finance'],
        summary: 'Annuler un versement enregistré par erreur (écriture inverse motivée)',
        params: FundingParams,
        body: ReversalBody,
        response: { 201: ReversalResult },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.reverseFunding(
            db,
            actorOf(req),
            req.params.programId,
            req.params.fundingId,
            req.body,
          ),
        ),
  );
}
