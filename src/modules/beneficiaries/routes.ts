import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER } from '../../http/openapi.js';
import { perAccount } from '../../http/rate-windows.js';
import { actorOf } from '../auth/guard.js';
import { erase, personRecord, privacyNotice, rectify, searchPeople } from './person-data.js';
import {
  ErasureBody,
  ErasureResult,
  FunderParams,
  HandedOutList,
  HandedOutLookupBody,
  HandedOutLookupResult,
  HandedOutPeriodQuery,
  HandedOutQuery,
  HandOutBody,
  HandOutResult,
  OrganisationParams,
  PeopleList,
  PeopleQuery,
  PersonParams,
  PersonRecord,
  PrivacyNotice,
  RectificationBody,
  RectificationResult,
  ReplacementBody,
  ReplacementResult,
} from './schemas.js';
import { findHandedOut, handedOutBy, handedOutCsv, handOut, replace } from './service.js';

export function handOutRoutes(app: App, { db }: Deps) {
  app.post(
    '/organisations/:organisationId/hand-outs',
    {
      schema: {
        ...api('handOutBooklet', 'Hand out a booklet of the stock to a beneficiary', [
          'audience_age_mismatch',
          'commune_outside_territory',
          'beneficiary_allowance_reached',
          'beneficiary_possible_duplicate',
          'booklet_not_held',
          'booklet_not_in_stock',
          'booklet_not_funded',
          'program_status_forbids',
          'rate_limited',
        ]),
        tags: ['beneficiaries'],
        summary: 'Remettre un carnet du stock à un bénéficiaire',
        params: OrganisationParams,
        body: HandOutBody,
        response: { 200: HandOutResult, 201: HandOutResult },
      },
    },
    async (req, reply) => {
      const given = await handOut(db, actorOf(req), req.params.organisationId, req.body);
      // A retry of a hand-out recorded already: answered as it was, nothing created.
      return reply.code('alreadyRecorded' in given ? 200 : 201).send(given);
    },
  );

  app.get(
    '/organisations/:organisationId/handed-out',
    {
      schema: {
        ...api(
          'listHandedOut',
          'Booklets a prescriber handed out (serial, date, initials, public, passes used), in a period or all, with their totals, latest first or sorted, page by page',
        ),
        tags: ['beneficiaries'],
        summary:
          'Carnets remis par un prescripteur (numéro, date, initiales, public, pass utilisés), sur une période ou tous, avec leurs totaux, du plus récent au plus ancien ou triés, page par page',
        params: OrganisationParams,
        querystring: HandedOutQuery,
        response: { 200: HandedOutList },
      },
    },
    async (req) => handedOutBy(db, actorOf(req), req.params.organisationId, req.query),
  );

  app.get(
    '/organisations/:organisationId/handed-out.csv',
    {
      schema: {
        ...api(
          'exportHandedOut',
          'The booklets a prescriber handed out in a period, one a line with their total, as one CSV file (initials only)',
          [],
          { answer: CSV_ANSWER },
        ),
        tags: ['beneficiaries'],
        summary:
          'Les carnets remis par un prescripteur sur une période, avec leur total, en un fichier CSV (initiales seulement)',
        params: OrganisationParams,
        querystring: HandedOutPeriodQuery,
      },
    },
    async (req, reply) => {
      const file = await handedOutCsv(db, actorOf(req), req.params.organisationId, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );

  // Names and a birth date, in a body rather than the address (which logs and histories keep).
  app.post(
    '/organisations/:organisationId/handed-out/lookup',
    {
      // Each answer tells whether a person was served here: an agent trying names waits.
      config: { rateLimit: perAccount(30, '1 hour') },
      schema: {
        ...api(
          'findHandedOut',
          'Booklets a prescriber handed out to a person, found by their names and birth date (initials and commune shown)',
        ),
        tags: ['beneficiaries'],
        summary:
          'Retrouver les carnets remis à une personne par son nom, son prénom et sa date de naissance (initiales et commune affichées)',
        params: OrganisationParams,
        body: HandedOutLookupBody,
        response: { 200: HandedOutLookupResult },
      },
    },
    async (req) => findHandedOut(db, actorOf(req), req.params.organisationId, req.body),
  );

  app.post(
    '/organisations/:organisationId/replacements',
    {
      schema: {
        ...api('replaceBooklet', 'Hand a replacement booklet to the holder of a blocked booklet', [
          'booklet_already_replaced',
          'booklet_not_blocked',
          'replacement_exceeds_loss',
          'booklet_not_held',
          'booklet_not_in_stock',
          'booklet_not_funded',
        ]),
        tags: ['beneficiaries'],
        summary: 'Remettre un carnet de remplacement au titulaire d’un carnet bloqué',
        params: OrganisationParams,
        body: ReplacementBody,
        response: { 201: ReplacementResult },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await replace(db, actorOf(req), req.params.organisationId, req.body)),
  );
}

/** A person's requests about their data, answered by the funder's admins (person-data.ts). */
export function personDataRoutes(app: App, { db }: Deps) {
  app.get(
    '/funders/:funderId/beneficiaries',
    {
      schema: {
        ...api(
          'searchBeneficiaries',
          'Find the people the funder recorded, by name or by a booklet’s serial',
        ),
        tags: ['beneficiaries'],
        summary: 'Retrouver une personne enregistrée par le financeur, par son nom ou le numéro d’un carnet',
        params: PersonParams.pick({ funderId: true }),
        querystring: PeopleQuery,
        response: { 200: PeopleList },
      },
    },
    async (req) => searchPeople(db, actorOf(req), req.params.funderId, req.query.q),
  );

  app.get(
    '/funders/:funderId/beneficiaries/:beneficiaryId',
    {
      schema: {
        ...api(
          'getBeneficiaryRecord',
          'Everything held about a person (identity, booklets, sessions, purposes, retention); each reading is audited',
        ),
        tags: ['beneficiaries'],
        summary:
          'Tout ce qui est conservé sur une personne (identité, carnets, séances, finalités, conservation) ; chaque lecture est tracée',
        params: PersonParams,
        response: { 200: PersonRecord },
      },
    },
    async (req) => personRecord(db, actorOf(req), req.params.funderId, req.params.beneficiaryId),
  );

  app.post(
    '/funders/:funderId/beneficiaries/:beneficiaryId/erasure',
    {
      schema: {
        ...api('eraseBeneficiary', 'Erase a person’s names and birth date; statistics and booklets stay', [
          'beneficiary_already_erased',
        ]),
        tags: ['beneficiaries'],
        summary:
          'Effacer le nom, le prénom et la date de naissance d’une personne ; statistiques et carnets restent',
        params: PersonParams,
        body: ErasureBody,
        response: { 200: ErasureResult },
      },
    },
    async (req) =>
      erase(db, actorOf(req), req.params.funderId, req.params.beneficiaryId, req.body.erasureReason),
  );

  app.post(
    '/funders/:funderId/beneficiaries/:beneficiaryId/rectification',
    {
      schema: {
        ...api(
          'rectifyBeneficiary',
          'Correct a person’s names or birth date mistyped; the journal says which fields',
          ['beneficiary_already_erased', 'beneficiary_identity_taken'],
        ),
        tags: ['beneficiaries'],
        summary: 'Rectifier le nom, le prénom ou la date de naissance d’une personne mal saisis',
        params: PersonParams,
        body: RectificationBody,
        response: { 200: RectificationResult },
      },
    },
    async (req) => rectify(db, actorOf(req), req.params.funderId, req.params.beneficiaryId, req.body),
  );

  app.get(
    '/funders/:funderId/privacy-notice',
    {
      schema: {
        ...api('getPrivacyNotice', 'What a person is told when their data is recorded (information notice)'),
        tags: ['beneficiaries'],
        summary: 'Notice d’information remise à la personne lors de l’enregistrement de ses données',
        params: FunderParams,
        response: { 200: PrivacyNotice },
      },
    },
    async (req) => privacyNotice(db, actorOf(req), req.params.funderId),
  );
}
