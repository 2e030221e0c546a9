import type { App, Deps } from '../../http/app.js';
import { actorOf } from '../auth/guard.js';
import { ProgramParams } from '../programs/schemas.js';
import { FinanceSummary, FundingBody, FundingResult } from './schemas.js';
import * as service from './service.js';

export function financeRoutes(app: App, { db }: Deps) {
  app.post(
    '/programs/:programId/fundings',
    {
      schema: {
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
        tags: ['finance'],
        summary: 'Valeur versée, activée et restante ; pass par statut',
        params: ProgramParams,
        response: { 200: FinanceSummary },
      },
    },
    async (req) => service.summary(db, actorOf(req), req.params.programId),
  );
}
