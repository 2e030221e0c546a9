import type { App, Deps } from '../../http/app.js';
import { api, ZIP_ANSWER } from '../../http/openapi.js';
import { perAccount } from '../../http/rate-windows.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams } from '../funders/schemas.js';
import * as service from './service.js';

export function reversibilityRoutes(app: App, { db }: Deps) {
  app.get(
    '/funders/:funderId/export.zip',
    {
      // Every table of the funder read in one request: a handful an hour is what leaving takes.
      config: { rateLimit: perAccount(6, '1 hour') },
      schema: {
        ...api(
          'exportFunderData',
          "Everything the funder recorded, as CSV files in one ZIP (programmes, fundings, booklets, beneficiaries, redemptions, statements, places, prescribers), for its admins; the passes' codes are not in it; audited",
          [],
          { answer: ZIP_ANSWER },
        ),
        tags: ['funders'],
        summary:
          'Toutes les données du financeur en fichiers CSV dans un ZIP, pour ses administrateurs (sans les codes des pass) ; journalisé',
        params: FunderParams,
      },
    },
    async (req, reply) => {
      const file = await service.funderArchive(db, actorOf(req), req.params.funderId);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );
}
