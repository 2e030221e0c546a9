import { businessDate, frenchDate } from '../../core/dates.js';
import { agree } from '../../core/french.js';
import { type Actor, requireFunder } from '../../core/permissions.js';
import { PRESCRIBER_KIND_LABELS } from '../../core/prescriber-kinds.js';
import { STANDARD_AUDIENCES } from '../../core/program/audiences.js';
import { PHASE_LABELS } from '../../core/program/status.js';
import { SESSION_FORMAT_LABELS, type SessionFormat } from '../../core/session.js';
import { STATEMENT_STATUS_LABELS, type StatementStatus } from '../../core/statement.js';
import { fileSlug } from '../../core/text.js';
import type { Db, Tx } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as beneficiaries from '../beneficiaries/service.js';
import * as finance from '../finance/service.js';
import * as funders from '../funders/service.js';
import * as places from '../places/service.js';
import * as programs from '../programs/service.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';
import * as stock from '../stock/service.js';
import { ArchiveWriter, type CsvEntry } from './archive-writer.js';

/*
 * Reversibility: everything a funder recorded here, in one archive of CSV files its own staff
 * can open, or another operator load, so that a funder never depends on an operator to leave
 * it (the brief's bankrupt operator left places unpaid and funders without their records).
 * Each module gives its own rows; this one names and lays them out. The passes' codes are not
 * in it: a live code is money, and each issue's file gives them (`codes:download`, audited).
 */

const BOOKLET_STATUS: Record<string, string> = {
  stock: 'En stock',
  allocated: 'Chez un prescripteur',
  handed_out: 'Remis',
  blocked: 'Bloqué',
};
const BLOCK_REASON: Record<string, string> = { lost: 'Perdu', stolen: 'Volé' };

const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** The funder's archive: every file written in one snapshot, then its README; audited. */
export async function funderArchive(db: Db, actor: Actor, funderId: string) {
  // The archive holds the beneficiaries' identities: the funder's admins only, as for one record.
  requireFunder(actor, 'beneficiary:data', funderId, 'Financeur');
  const funder = await funders.identityOf(db, funderId);
  const today = businessDate();
  const archive = new ArchiveWriter('LISEZMOI.txt');
  let counts: Record<string, number>;
  try {
    // One snapshot, so that the files agree with one another (a booklet's passes used and the
    // redemptions listed) while places keep redeeming.
    counts = await db.transaction((tx) => writeFiles(tx, archive, actor, funderId, today), {
      isolationLevel: 'repeatable read',
      accessMode: 'read only',
    });
  } catch (error) {
    archive.abort();
    throw error;
  }
  const body = await archive.finish(readme(funder.name, today, counts));
  await audit.record(db, {
    actor,
    funderId,
    action: 'funder.data_export',
    objectType: 'funder',
    objectId: funderId,
    summary: { files: Object.entries(counts).map(([name, n]) => `${name} : ${n}`) },
  });
  return { name: `donnees-${fileSlug(funder.name, 'financeur')}-${today}.zip`, body };
}

/**
 * Each file in turn, each module giving its own rows; the large ones (people, booklets,
 * redemptions, statements) a batch at a time. Gives each file's number of lines.
 */
async function writeFiles(
  tx: Tx,
  archive: ArchiveWriter,
  actor: Actor,
  funderId: string,
  today: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const write = async (name: string, header: readonly string[], fill: (file: CsvEntry) => Promise<void>) => {
    const file = archive.csv(name, header);
    await fill(file);
    counts[name] = file.lines;
  };
  const programList = await programs.listForFunder(tx, actor, funderId, today);
  const programName = new Map(programList.map((p) => [p.id, p.name]));
  const names = organisationNames(tx);
  // The booklets name their beneficiary by pseudonym, read with the people before them.
  const pseudonymOf = new Map<string, string>();

  await write(
    'dispositifs.csv',
    [
      'Dispositif',
      'Statut',
      'Début de distribution',
      'Fin de distribution',
      'Fin d’utilisation',
      'Pass prévus',
      'Valeur faciale (€)',
    ],
    async (file) =>
      file.add(
        programList.map((p) => [
          p.name,
          PHASE_LABELS[p.status],
          p.state?.calendar.distributionStart,
          p.state?.calendar.distributionEnd,
          p.state?.calendar.usageEnd,
          p.state?.plannedPasses,
          p.state ? euros(p.state.faceValueCents) : null,
        ]),
      ),
  );
  await write(
    'versements.csv',
    ['Dispositif', 'Reçu le', 'Payeur', 'Montant (€)', 'Référence', 'Annulé le', 'Motif de l’annulation'],
    async (file) =>
      file.add(
        (await finance.fundingsOfFunder(tx, funderId)).map((f) => [
          programName.get(f.programId),
          f.receivedOn,
          f.payer,
          euros(f.amountCents),
          f.reference,
          f.reversedOn,
          f.reversalReason,
        ]),
      ),
  );
  await write(
    'beneficiaires.csv',
    [
      'Pseudonyme',
      'Nom',
      'Prénom',
      'Date de naissance',
      'Commune',
      'Code INSEE',
      'Public',
      'Enregistré le',
      'Identité effacée le',
    ],
    (file) =>
      beneficiaries.forEachPersonOfFunder(tx, funderId, (people) => {
        for (const p of people) pseudonymOf.set(p.id, p.pseudonym);
        file.add(
          people.map((p) => [
            p.pseudonym,
            p.lastName,
            p.firstName,
            p.birthDate,
            funders.communeName(p.communeCode),
            p.communeCode,
            STANDARD_AUDIENCES[p.audience]?.label ?? p.audience,
            p.recordedOn,
            p.erasedOn,
          ]),
        );
      }),
  );
  await write(
    'carnets.csv',
    [
      'Carnet',
      'Dispositif',
      'Pass',
      'Pass utilisés',
      'Pass expirés',
      'Pass annulés',
      'État',
      'Chez le prescripteur',
      'Remis le',
      'Bénéficiaire (pseudonyme)',
      'Remplace le carnet',
      'Bloqué le',
      'Motif du blocage',
    ],
    (file) =>
      stock.forEachBookletOfFunder(tx, funderId, async (booklets) => {
        const holders = await names(booklets.map((b) => b.holderId));
        file.add(
          booklets.map((b) => [
            b.serial,
            programName.get(b.programId),
            b.size,
            b.redeemed,
            b.expired,
            b.cancelled,
            BOOKLET_STATUS[b.status] ?? b.status,
            b.holderId ? holders.get(b.holderId) : null,
            b.handedOutOn,
            b.beneficiaryId ? pseudonymOf.get(b.beneficiaryId) : null,
            b.replaces,
            b.blockedOn,
            b.blockReason ? (BLOCK_REASON[b.blockReason] ?? b.blockReason) : null,
          ]),
        );
      }),
  );
  await write(
    'encaissements.csv',
    [
      'Numéro',
      'Date de la séance',
      'Enregistré le',
      'Heure',
      'Dispositif',
      'Lieu',
      'Code (masqué)',
      'Thème',
      'Durée (min)',
      'Format',
      'Valeur (€)',
      'Annulé le',
    ],
    (file) =>
      redemptions.forEachRedemptionOfFunder(tx, funderId, async (sessions) => {
        const places = await names(sessions.map((s) => s.placeId));
        file.add(
          sessions.map((s) => [
            s.id,
            s.sessionOn,
            s.day,
            s.time,
            programName.get(s.programId),
            places.get(s.placeId),
            s.maskedCode,
            s.theme,
            s.durationMinutes,
            SESSION_FORMAT_LABELS[s.format as SessionFormat] ?? s.format,
            euros(s.faceValueCents),
            s.cancelledOn,
          ]),
        );
      }),
  );
  await write(
    'releves.csv',
    [
      'Numéro',
      'Mois',
      'Dispositif',
      'Lieu',
      'SIRET du lieu',
      'Encaissements',
      'Valeur (€)',
      'Régularisations (€)',
      'Total (€)',
      'État',
      'Payé le',
    ],
    (file) =>
      statements.forEachStatementOfFunder(tx, funderId, (rows) =>
        file.add(
          rows.map((s) => [
            s.number,
            s.month,
            programName.get(s.programId),
            s.placeName,
            s.placeSiret,
            s.redemptionsCount,
            euros(s.valueCents),
            euros(s.adjustmentsCents),
            euros(s.totalCents),
            STATEMENT_STATUS_LABELS[s.status as StatementStatus] ?? s.status,
            s.paidOn,
          ]),
        ),
      ),
  );
  await write('lieux.csv', ['Lieu', 'Commune', 'Code INSEE', 'Dispositifs où il est accepté'], async (file) =>
    file.add(
      (await places.rosterOf(tx, actor, funderId)).map((p) => [
        p.name,
        p.communeName,
        p.communeCode,
        p.standings
          .filter((s) => s.standing === 'approved')
          .map((s) => programName.get(s.programId))
          .join(', '),
      ]),
    ),
  );
  await write('prescripteurs.csv', ['Prescripteur', 'Type', 'SIRET', 'Commune', 'Code INSEE'], async (file) =>
    file.add(
      (await funders.prescribersOf(tx, actor, funderId)).map((p) => [
        p.name,
        p.kind ? PRESCRIBER_KIND_LABELS[p.kind] : null,
        p.siret,
        p.communeName,
        p.communeCode,
      ]),
    ),
  );
  return counts;
}

/** Organisations' names (prescribers holding booklets, places), each asked of the database once. */
function organisationNames(tx: Tx) {
  const known = new Map<string, string>();
  return async (ids: (string | null)[]) => {
    const missing = ids.filter((id): id is string => id !== null && !known.has(id));
    for (const [id, name] of await funders.organisationNames(tx, missing)) known.set(id, name);
    return known;
  };
}

function readme(funderName: string, today: string, counts: Record<string, number>): string {
  const line = (file: string, what: string) =>
    `${file} (${counts[file]} ${agree(counts[file] ?? 0, 'ligne', 'lignes')}) : ${what}`;
  return [
    `Données de ${funderName} sur la plateforme Pass numérique, au ${frenchDate(today)}.`,
    '',
    'Des fichiers CSV (séparateur « ; », UTF-8), à ouvrir dans un tableur ou à charger dans un autre outil.',
    'Les jours y sont écrits AAAA-MM-JJ (2026-03-31) et les mois AAAA-MM, pour qu’un autre outil les lise',
    'sans erreur ; les heures sont celles de Paris, les montants en euros avec une virgule (12,50).',
    '',
    line('dispositifs.csv', 'les dispositifs, leur statut et leur calendrier aujourd’hui'),
    line('versements.csv', 'les versements reçus pour chaque dispositif, et leurs annulations'),
    line('beneficiaires.csv', 'les personnes enregistrées à la remise : données personnelles, à protéger'),
    line(
      'carnets.csv',
      'chaque carnet émis : où il est, à qui il a été remis (par pseudonyme), combien de ses pass ont servi, ont expiré ou ont été annulés',
    ),
    line(
      'encaissements.csv',
      'chaque pass utilisé dans un lieu, avec la séance : son jour, et celui où elle a été enregistrée (plus tard pour une séance tardive)',
    ),
    line('releves.csv', 'les relevés mensuels des lieux et leur paiement'),
    line('lieux.csv', 'les lieux de la liste du financeur'),
    line('prescripteurs.csv', 'les structures qui remettent les carnets'),
    '',
    'Les codes des pass n’y figurent pas : un code encore valable vaut de l’argent. Le fichier de',
    'chaque émission les donne, aux administrateurs du financeur (page « Carnets » du dispositif).',
    'Le journal d’audit se télécharge à part (page « Journal »).',
    '',
  ].join('\r\n');
}
