import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams, ImportJob, ImportParams, StandardPlace, StartImportQuery } from './schemas.js';
import * as service from './service.js';
import { toStandardCsv } from './standard.js';

/** The national cartography harvests these: cached an hour, by anyone, from any origin. */
const HARVESTED = {
  'cache-control': 'public, max-age=3600',
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
};
const PUBLIC = { auth: 'public' as const, rateLimit: { max: 60, timeWindow: '1 minute' } };
/** A regional network's file of several thousand places is a few megabytes. */
const MAX_FILE = 50 * 1024 * 1024;

export function placeStandardRoutes(app: App, { db }: Deps) {
  if (!app.hasContentTypeParser('application/octet-stream'))
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );

  app.get(
    '/public/funders/:funderId/places.json',
    {
      config: PUBLIC,
      schema: {
        ...api(
          'exportPlacesJson',
          'The funder’s qualified places in the national standard of places of digital mediation (JSON)',
        ),
        tags: ['public'],
        summary:
          'Lieux qualifiés du financeur dans le standard national des lieux de médiation numérique (JSON)',
        params: FunderParams,
        response: { 200: z.array(StandardPlace) },
      },
    },
    async (req, reply) => {
      const rows = await service.exportPlaces(db, req.params.funderId);
      return reply.headers(HARVESTED).send(rows);
    },
  );

  app.get(
    '/public/funders/:funderId/places.csv',
    {
      config: PUBLIC,
      schema: {
        ...api(
          'exportPlacesCsv',
          'The funder’s qualified places in the national standard of places of digital mediation (CSV)',
          [],
          { answer: CSV_ANSWER },
        ),
        tags: ['public'],
        summary:
          'Lieux qualifiés du financeur dans le standard national des lieux de médiation numérique (CSV)',
        params: FunderParams,
      },
    },
    async (req, reply) => {
      const rows = await service.exportPlaces(db, req.params.funderId);
      return reply
        .headers(HARVESTED)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `inline; filename="lieux-${req.params.funderId}.csv"`)
        .send(toStandardCsv(rows));
    },
  );

  app.post(
    '/funders/:funderId/place-imports',
    {
      bodyLimit: MAX_FILE,
      schema: {
        ...api(
          'importPlaces',
          'Import a file of places in the national standard (CSV or JSON, application/octet-stream body), run as a job',
          ['empty_file', 'not_standard_file', 'file_expected'],
        ),
        tags: ['places'],
        summary:
          'Importer un fichier de lieux au standard national (CSV ou JSON, corps application/octet-stream) : lancé en tâche, suivie ensuite',
        params: FunderParams,
        querystring: StartImportQuery,
        response: { 202: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const content = Buffer.isBuffer(req.body) ? req.body : undefined;
      // Authorised first: a caller without the right learns nothing from a bad body.
      service.mayImport(actor, req.params.funderId);
      if (!content)
        throw new DomainError(
          'file_expected',
          'Envoyez le fichier lui-même (application/octet-stream), en CSV ou en JSON.',
          [{ field: 'file', message: 'Choisissez un fichier CSV ou JSON.' }],
        );
      const job = await service.startImport(
        db,
        actor,
        req.params.funderId,
        { name: req.query.fileName, content },
        req.query.dryRun === 'true',
      );
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/funders/:funderId/place-imports/:importId',
    {
      schema: {
        ...api('getPlaceImport', 'Progress and line-by-line report of a places import'),
        tags: ['places'],
        summary: "Avancement et rapport ligne par ligne d'un import de lieux",
        params: ImportParams,
        response: { 200: ImportJob },
      },
    },
    async (req) => service.importJob(db, actorOf(req), req.params.funderId, req.params.importId),
  );
}
