import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { IsoDate, ProgramParams } from '../programs/schemas.js';
import { Dashboard } from './schemas.js';
import * as service from './service.js';

export function reportRoutes(app: App, { db }: Deps) {
  app.get(
    '/programs/:programId/dashboard',
    {
      schema: {
        ...api('getDashboard', 'Programme dashboard: passes per envelope and redemptions per month'),
        tags: ['reports'],
        summary: 'Tableau de bord du dispositif : pass par enveloppe et encaissements par mois',
        params: ProgramParams,
        querystring: z.object({ asOf: IsoDate.optional() }),
        response: { 200: Dashboard },
      },
    },
    async (req) => service.dashboard(db, actorOf(req), req.params.programId, req.query.asOf),
  );
}
