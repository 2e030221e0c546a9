import { type AsyncZippable, strToU8, zip } from 'fflate';
import { type CsvValue, frenchCsv } from '../../core/csv.js';
import { businessDate, frenchDate } from '../../core/dates.js';
import { type Actor, requireFunder } from '../../core/permissions.js';
import { PRESCRIBER_KIND_LABELS } from '../../core/prescriber-kinds.js';
import { STANDARD_AUDIENCES } from '../../core/program/audiences.js';
import { PHASE_LABELS } from '../../core/program/status.js';
import { SESSION_FORMAT_LABELS, type SessionFormat } from '../../core/session.js';
import { STATEMENT_STATUS_LABELS, type StatementStatus } from '../../core/statement.js';
import { fileSlug } from '../../core/text.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as beneficiaries from '../beneficiaries/service.js';
import * as finance from '../finance/service.js';
import * as funders from '../funders/service.js';
import * as places from '../places/service.js';
import * as programs from '../programs/service.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';
import * as stock from '../stock/service.js';

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

/** The archive's files, in the order the README lists them. */
export async function funderArchive(db: Db, actor: Actor, funderId: string) {
  // The archive holds the beneficiaries' identities: the funder's admins only, as for one record.
  requireFunder(actor, 'beneficiary:data', funderId, 'Financeur');
  const funder = await funders.identityOf(db, funderId);
  const today = businessDate();
  // One snapshot, so that the files agree with one another (a booklet's passes used and the
  // redemptions listed) while places keep redeeming.
  const files = await db.transaction((tx) => filesOf(tx, actor, funderId, today), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
  const counts = Object.fromEntries(files.map(([name, rows]) => [name, rows.length - 1]));
  const archive = await zipped({
    'LISEZMOI.txt': strToU8(readme(funder.name, today, counts)),
    ...Object.fromEntries(files.map(([name, rows]) => [name, strToU8(frenchCsv(rows))])),
  });
  await audit.record(db, {
    actor,
    funderId,
    action: 'funder.data_export',
    objectType: 'funder',
    objectId: funderId,
    summary: { files: Object.entries(counts).map(([name, n]) => `${name} : ${n}`) },
  });
  return { name: `donnees-${fileSlug(funder.name, 'financeur')}-${today}.zip`, body: Buffer.from(archive) };
}

/** Each file's rows, its header first, each module giving its own. */
async function filesOf(
  db: Queryable,
  actor: Actor,
  funderId: string,
  today: string,
): Promise<[string, (readonly CsvValue[])[]][]> {
  const programList = await programs.listForFunder(db, actor, funderId, today);
  const programName = new Map(programList.map((p) => [p.id, p.name]));
  const people = await beneficiaries.peopleOfFunder(db, funderId);
  const pseudonymOf = new Map(people.map((p) => [p.id, p.pseudonym]));
  const booklets = await stock.bookletsOfFunder(db, funderId);
  const sessions = await redemptions.redemptionsOfFunder(db, funderId);
  const roster = await places.rosterOf(db, actor, funderId);
  const prescribers = await funders.prescribersOf(db, actor, funderId);
  const names = await funders.organisationNames(db, [
    ...new Set([
      ...booklets.flatMap((b) => (b.holderId ? [b.holderId] : [])),
      ...sessions.map((s) => s.placeId),
    ]),
  ]);
  const files: [string, (readonly CsvValue[])[]][] = [
    [
      'dispositifs.csv',
      [
        [
          'Dispositif',
          'Statut',
          'Début de distribution',
          'Fin de distribution',
          'Fin d’utilisation',
          'Pass prévus',
          'Valeur faciale (€)',
        ],
        ...programList.map((p) => [
          p.name,
          PHASE_LABELS[p.status],
          p.state?.calendar.distributionStart,
          p.state?.calendar.distributionEnd,
          p.state?.calendar.usageEnd,
          p.state?.plannedPasses,
          p.state ? euros(p.state.faceValueCents) : null,
        ]),
      ],
    ],
    [
      'versements.csv',
      [
        ['Dispositif', 'Reçu le', 'Payeur', 'Montant (€)', 'Référence', 'Annulé le', 'Motif de l’annulation'],
        ...(await finance.fundingsOfFunder(db, funderId)).map((f) => [
          programName.get(f.programId),
          f.receivedOn,
          f.payer,
          euros(f.amountCents),
          f.reference,
          f.reversedOn,
          f.reversalReason,
        ]),
      ],
    ],
    [
      'carnets.csv',
      [
        [
          'Carnet',
          'Dispositif',
          'Pass',
          'Pass utilisés',
          'État',
          'Chez le prescripteur',
          'Remis le',
          'Bénéficiaire (pseudonyme)',
          'Remplace le carnet',
          'Bloqué le',
          'Motif du blocage',
        ],
        ...booklets.map((b) => [
          b.serial,
          programName.get(b.programId),
          b.size,
          b.redeemed,
          BOOKLET_STATUS[b.status] ?? b.status,
          b.holderId ? names.get(b.holderId) : null,
          b.handedOutOn,
          b.beneficiaryId ? pseudonymOf.get(b.beneficiaryId) : null,
          b.replaces,
          b.blockedOn,
          b.blockReason ? (BLOCK_REASON[b.blockReason] ?? b.blockReason) : null,
        ]),
      ],
    ],
    [
      'beneficiaires.csv',
      [
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
        ...people.map((p) => [
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
      ],
    ],
    [
      'encaissements.csv',
      [
        [
          'Numéro',
          'Date',
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
        ...sessions.map((s) => [
          s.id,
          s.day,
          s.time,
          programName.get(s.programId),
          names.get(s.placeId),
          s.maskedCode,
          s.theme,
          s.durationMinutes,
          SESSION_FORMAT_LABELS[s.format as SessionFormat] ?? s.format,
          euros(s.faceValueCents),
          s.cancelledOn,
        ]),
      ],
    ],
    [
      'releves.csv',
      [
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
        ...(await statements.statementsOfFunder(db, funderId)).map((s) => [
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
      ],
    ],
    [
      'lieux.csv',
      [
        ['Lieu', 'Commune', 'Code INSEE', 'Dispositifs où il est accepté'],
        ...roster.map((p) => [
          p.name,
          p.communeName,
          p.communeCode,
          p.standings
            .filter((s) => s.standing === 'approved')
            .map((s) => programName.get(s.programId))
            .join(', '),
        ]),
      ],
    ],
    [
      'prescripteurs.csv',
      [
        ['Prescripteur', 'Type', 'SIRET', 'Commune', 'Code INSEE'],
        ...prescribers.map((p) => [
          p.name,
          p.kind ? PRESCRIBER_KIND_LABELS[p.kind] : null,
          p.siret,
          p.communeName,
          p.communeCode,
        ]),
      ],
    ],
  ];
  return files;
}

/**
 * Compressed in worker threads (fflate's asynchronous zip): a large funder's files take
 * seconds to compress, which the server's event loop, answering the places' redemptions
 * meanwhile, must not spend.
 */
function zipped(files: AsyncZippable): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip(files, (error, data) => (error ? reject(error) : resolve(data)));
  });
}

function readme(funderName: string, today: string, counts: Record<string, number>): string {
  const line = (file: string, what: string) => `${file} (${counts[file]} lignes) : ${what}`;
  return [
    `Données de ${funderName} sur la plateforme Pass numérique, au ${frenchDate(today)}.`,
    '',
    'Des fichiers CSV (séparateur « ; », UTF-8), à ouvrir dans un tableur ou à charger dans un autre outil :',
    line('dispositifs.csv', 'les dispositifs, leur statut et leur calendrier aujourd’hui'),
    line('versements.csv', 'les versements reçus pour chaque dispositif, et leurs annulations'),
    line(
      'carnets.csv',
      'chaque carnet émis : où il est, à qui il a été remis (par pseudonyme), combien de ses pass ont servi',
    ),
    line('beneficiaires.csv', 'les personnes enregistrées à la remise : données personnelles, à protéger'),
    line('encaissements.csv', 'chaque pass utilisé dans un lieu, avec la séance'),
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
