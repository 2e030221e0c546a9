import { z } from 'zod';
import { CODE_INPUT_MAX } from '../../core/pass-code.js';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams, TerritoryRefInput } from '../funders/schemas.js';
import { ProgramParams } from '../programs/schemas.js';
import { GuessLimiter } from '../redemptions/guess-limiter.js';
import { CodeParams } from '../redemptions/schemas.js';
import {
  Allocated,
  AllocationBody,
  BookletList,
  BookletListQuery,
  HelpdeskPass,
  PassStory,
  Serials,
} from './schemas.js';
import * as service from './service.js';

export function stockRoutes(app: App, { db, config }: Deps) {
  const guesses = new GuessLimiter(db, config.codeGuessLimit, config.codeGuessWindowMinutes * 60_000);
  app.post(
    '/programs/:programId/allocations',
    {
      schema: {
        ...api('allocateBooklets', 'Entrust booklets of the funder’s stock to a prescriber', [
          'stock_insufficient',
          'booklets_not_in_stock',
          'booklet_not_in_stock',
          'booklet_not_funded',
          'program_status_forbids',
        ]),
        tags: ['stock'],
        summary: 'Confier des carnets du stock du financeur à un prescripteur',
        params: ProgramParams,
        description:
          'Trois façons : `count` carnets, les plus anciens d’abord (d’une enveloppe si `envelopeId` est donné) ; ' +
          'tous les carnets de `firstSerial` à `lastSerial` ; ou les carnets choisis (`serials`). ' +
          'Des carnets nommés sont confiés tous ou aucun : un carnet hors du stock refuse l’attribution en le nommant.',
        body: AllocationBody,
        response: { 201: Allocated },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.allocate(db, actorOf(req), req.params.programId, req.body)),
  );

  app.get(
    '/programs/:programId/booklets',
    {
      schema: {
        ...api(
          'listBooklets',
          'Booklets of a programme, filtered by state, envelope and prescriber, page by page',
        ),
        tags: ['stock'],
        summary: 'Carnets d’un dispositif, filtrés par état, enveloppe et prescripteur, page par page',
        params: ProgramParams,
        querystring: BookletListQuery,
        response: { 200: BookletList },
      },
    },
    async (req) => service.bookletsOf(db, actorOf(req), req.params.programId, req.query),
  );

  app.post(
    '/funders/:funderId/transfers',
    {
      schema: {
        ...api('transferBooklets', 'Transfer booklets to another prescriber, or take them back (toId null)', [
          'booklet_not_allocated',
          'booklets_not_in_stock',
          'program_status_forbids',
        ]),
        tags: ['stock'],
        summary: 'Transférer des carnets à un autre prescripteur, ou les reprendre (toId null)',
        params: FunderParams,
        body: Serials.extend({ toId: z.uuid().nullable() }),
        response: { 200: Serials },
      },
    },
    async (req) => service.transfer(db, actorOf(req), req.params.funderId, req.body),
  );

  app.get(
    '/organisations/:organisationId/stock',
    {
      schema: {
        ...api('getPrescriberStock', 'Booklets a prescriber holds and has not handed out yet'),
        tags: ['stock'],
        summary: 'Carnets détenus par un prescripteur et pas encore remis',
        params: z.object({ organisationId: z.uuid() }),
        response: {
          200: z.object({
            organisationId: z.uuid(),
            booklets: z.array(
              z.object({
                serial: z.string(),
                size: z.number(),
                programId: z.uuid(),
                /**
                 * Where its beneficiary may live: a commune within each of these territories
                 * (the funder's, its envelope's), any part of one will do; empty: anywhere.
                 * Give it to `GET /territories?within=` to offer only those communes.
                 */
                residenceWithin: z.array(z.array(TerritoryRefInput)),
                /** False while some of its passes wait for a funding: it cannot be handed out yet. */
                funded: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => service.stockOf(db, actorOf(req), req.params.organisationId),
  );

  app.get(
    '/funders/:funderId/booklets/:serial/movements',
    {
      schema: {
        ...api('listBookletMovements', 'History of a booklet’s movements'),
        tags: ['stock'],
        summary: "Historique des mouvements d'un carnet",
        params: FunderParams.extend({ serial: z.string().min(1).max(40) }),
        response: {
          200: z.array(
            z.object({
              /**
               * allocate, transfer, return (the stock's moves); hand_out (to a person, by the
               * prescriber `fromId`) and block (API 1.22.0)
               */
              kind: z.string(),
              /** a block's: the prescriber whose agent blocked it, null when the funder's staff did */
              fromId: z.uuid().nullable(),
              toId: z.uuid().nullable(),
              /**
               * The organisations by name, for people: null for the funder's stock; a block's
               * `fromName` is the funder's when its staff blocked it
               */
              fromName: z.string().nullable(),
              toName: z.string().nullable(),
              at: z.string(),
              /** Who moved it; null for the command line or the demo loader. */
              actorEmail: z.string().nullable(),
              /** a block's reason (API 1.22.0) */
              reason: z.enum(['lost', 'stolen']).nullable(),
              /** a hand-out that replaced a blocked booklet: its serial (API 1.22.0) */
              replacesSerial: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => service.movementsOf(db, actorOf(req), req.params.funderId, req.params.serial),
  );

  app.get(
    '/funders/:funderId/passes/:code',
    {
      schema: {
        ...api('getPassStory', 'A pass of the funder by its code: its booklet, status and sessions'),
        tags: ['stock'],
        summary: 'Un pass du financeur, retrouvé par son code : son carnet, son état et ses séances',
        params: FunderParams.extend({ code: z.string().min(1).max(CODE_INPUT_MAX) }),
        response: { 200: PassStory },
      },
    },
    async (req) => service.passStory(db, actorOf(req), req.params.funderId, req.params.code),
  );

  app.get(
    '/admin/passes/:code',
    {
      schema: {
        ...api(
          'lookUpPass',
          'The helpdesk looks a pass up by its code, whatever its funder: its programme, state, booklet (handed out, blocked: when, why, by whom), sessions and what can be done; nothing of the person (platform admins)',
          ['malformed_code', 'unknown_code', 'rate_limited'],
        ),
        tags: ['stock'],
        summary:
          'Assistance : un pass par son code, quel que soit son financeur : dispositif, état, carnet (remis, bloqué : quand, pourquoi, par qui), séances et ce qui peut être fait ; rien de la personne (administrateurs de la plateforme)',
        params: CodeParams,
        response: { 200: HelpdeskPass },
      },
    },
    // A code is a secret that can be guessed: codes of no pass count against the operator's
    // account, as a desk agent's do. Not against the address: an operator shut out must not
    // shut out the desks or the people behind the same office address.
    async (req) => {
      const actor = actorOf(req);
      return guesses.guard([`user:${actor.userId}`], () => service.lookUpPass(db, actor, req.params.code));
    },
  );
}
