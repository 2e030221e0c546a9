import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { BlockBody, BlockParams, BlockResult } from './schemas.js';
import { block } from './service.js';

export function blockingRoutes(app: App, { db }: Deps) {
  app.post(
    '/booklets/:serial/block',
    {
      schema: {
        ...api('blockBooklet', 'Block a lost or stolen booklet: its unused passes stop working at once', [
          'booklet_blocked',
        ]),
        tags: ['blocking'],
        summary: 'Bloquer un carnet perdu ou volé : ses pass non utilisés cessent aussitôt de fonctionner',
        params: BlockParams,
        body: BlockBody,
        response: { 200: BlockResult },
      },
    },
    async (req) => block(db, actorOf(req), req.params.serial, req.body.reason),
  );
}
