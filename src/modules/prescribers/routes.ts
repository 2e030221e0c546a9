import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams } from '../funders/schemas.js';
import * as stock from '../stock/service.js';
import { ImportBody, ImportReport, PrescriberDetail, PrescriberParams, TakeBackBody } from './schemas.js';
import * as service from './service.js';

export function prescriberRoutes(app: App, { db }: Deps) {
  app.post(
    '/funders/:funderId/prescribers/imports',
    {
      // A file of 5,000 lines in base64, with room to spare.
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        ...api(
          'importPrescribers',
          'Import prescribers from a CSV or XLSX file (base64), or only see the line-by-line report (dryRun)',
          ['import_conflict'],
        ),
        tags: ['funders'],
        summary:
          'Importer des prescripteurs depuis un fichier CSV ou XLSX (en base64), ou seulement voir le rapport ligne par ligne (dryRun) ; administrateur du financeur',
        description:
          'Colonnes reconnues par leur titre : Nom (obligatoire), Type (« Mission locale », « CCAS », « Collège »…), SIRET, Commune (nom, ou code INSEE), Code postal. Une ligne dont le nom existe déjà est « unchanged » : importer deux fois le même fichier ne crée rien la seconde fois.',
        params: FunderParams,
        body: ImportBody,
        response: { 200: ImportReport },
      },
    },
    async (req) =>
      service.importFile(db, actorOf(req), req.params.funderId, {
        fileName: req.body.fileName,
        content: Buffer.from(req.body.contentBase64, 'base64'),
        dryRun: req.body.dryRun,
      }),
  );

  app.get(
    '/funders/:funderId/prescribers/:prescriberId',
    {
      schema: {
        ...api(
          'getPrescriber',
          'A prescriber: booklets held and handed out, passes used, days since last hand-out, agents',
        ),
        tags: ['funders'],
        summary:
          'Un prescripteur : carnets détenus, carnets remis, pass utilisés, jours depuis sa dernière remise, ses agents',
        params: PrescriberParams,
        response: { 200: PrescriberDetail },
      },
    },
    async (req) => service.prescriberPage(db, actorOf(req), req.params.funderId, req.params.prescriberId),
  );

  app.post(
    '/funders/:funderId/prescribers/:prescriberId/returns',
    {
      schema: {
        ...api(
          'takeBackBooklets',
          'Take back into the funder’s stock booklets a prescriber holds and has not handed out',
          ['booklet_not_held', 'nothing_to_take_back'],
        ),
        tags: ['stock'],
        summary:
          'Reprendre au stock du financeur des carnets détenus par un prescripteur et non remis : tous ({"all": true}) ou certains par numéro',
        params: PrescriberParams,
        body: TakeBackBody,
        response: { 200: z.object({ serials: z.array(z.string()) }) },
      },
    },
    async (req) => stock.takeBack(db, actorOf(req), req.params.funderId, req.params.prescriberId, req.body),
  );
}
