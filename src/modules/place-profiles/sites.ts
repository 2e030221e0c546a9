import { conflict, DomainError, invalid, notFound } from '../../core/errors.js';
import { oneLine } from '../../core/french.js';
import { type Actor, placeRoleOf } from '../../core/permissions.js';
import type { Db } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as auth from '../auth/service.js';
import * as funders from '../funders/service.js';
import { presentPlace, profileIssues } from './profile.js';
import { createPlace, funderIssues } from './registration.js';
import type { SiteInput } from './schemas.js';

/** « Médiathèque d’Étain » (Étain): a site as a refusal names it. */
const siteText = (site: { name: string; communeCode: string | null }) =>
  `« ${site.name} » (${funders.communeName(site.communeCode) ?? 'commune non renseignée'})`;

const nameTaken = (site: { name: string; communeCode: string | null }) =>
  conflict(
    'site_name_taken',
    `Votre structure a déjà un site de ce nom : ${siteText(site)}. Donnez au nouveau site un nom qui le distingue (son quartier, sa rue, sa commune).`,
    [
      {
        field: 'name',
        message: `Nom du lieu : ${siteText(site)} porte déjà ce nom ; choisissez un nom qui distingue le nouveau site.`,
      },
    ],
  );

/**
 * The admin of a place adds another site of its structure (an association that runs several
 * places of mediation under its head office's SIRET), from its own account: the registration
 * refuses a SIRET already on the platform, so that no stranger creates places under another's;
 * its admin is no stranger. The site takes the SIRET of the admin's place (never one typed), is
 * described as a registration describes a place, and goes the registration's way
 * (`createPlace`): on the roster of each funder chosen, a candidate to qualify, with the person
 * as its admin. A name a site of the SIRET already bears (case, accents, apostrophes and
 * hyphens aside) is refused: two « Espace numérique » of one structure would be told apart by
 * no one. Agents are refused (403), other people's places do not exist (404).
 */
export async function addSite(db: Db, actor: Actor, placeId: string, input: SiteInput) {
  if (placeRoleOf(actor, placeId) !== 'place_admin')
    throw new DomainError(
      'forbidden',
      'Seul l’administrateur du lieu ajoute un site de sa structure : demandez-lui de le faire.',
    );
  const issues = [...profileIssues(input), ...(await funderIssues(db, input.funderIds, input.communeCode))];
  if (issues.length) throw invalid(issues);
  const form = { ...input, funderIds: [...new Set(input.funderIds)] };
  const name = oneLine(input.name);
  return db.transaction(async (tx) => {
    const place = await funders.findPlace(tx, placeId);
    if (!place) throw notFound('Lieu');
    const { siret } = place;
    if (!siret)
      throw conflict(
        'place_without_siret',
        'Ce lieu n’a pas de SIRET sur la plateforme : le nouveau site ne peut pas prendre le sien. Inscrivez-le avec son SIRET, ou demandez à un financeur de l’ajouter.',
      );
    await funders.lockSiteSiret(tx, siret);
    const same = (await funders.sitesOfSiret(tx, siret, name)).find((s) => s.sameName);
    if (same) throw nameTaken(same.place);
    const site = await createPlace(tx, { ...form, siret }, actor, (id) =>
      auth.addSiteAdmin(tx, actor, { placeId: id, siteOf: placeId }),
    );
    for (const funderId of form.funderIds)
      await audit.record(tx, {
        actor,
        funderId,
        action: 'place.add_site',
        objectType: 'organisation',
        objectId: site.placeId,
        summary: {
          name: site.name,
          siret,
          communeCode: input.communeCode,
          services: site.profile.services,
          siteOf: placeId,
        },
      });
    return presentPlace(tx, site.placeId);
  });
}
