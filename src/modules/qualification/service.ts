import { checkBankAccount, maskBic, maskIban } from '../../core/bank-account.js';
import { businessDate } from '../../core/dates.js';
import { conflict, DomainError, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { oneLine, points } from '../../core/french.js';
import {
  type Actor,
  can,
  placeFundersOf,
  placeRoleOf,
  requireFunder,
  worksAtPlace,
} from '../../core/permissions.js';
import { PHASE_LABELS, type ProgramPhase, TAKES_APPLICATIONS } from '../../core/program/status.js';
import {
  type Answer,
  buildQuestionnaire,
  maxScoreOf,
  type QuestionInput,
  scoreAnswers,
} from '../../core/questionnaire.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as safeguards from '../auth/safeguards.js';
import * as auth from '../auth/service.js';
import * as funders from '../funders/service.js';
import * as notifications from '../notifications/service.js';
import * as payments from '../payments/service.js';
import * as programs from '../programs/service.js';
import * as repo from './repo.js';

/**
 * What a funder asks of a place before qualifying it for a programme (issue 11, point 4):
 * its questionnaire (scored here, never by the client) and its charter, both versioned, and the
 * place's bank account. places.decide asks approvalGaps() before an approval.
 */

function presentQuestionnaire(row: repo.QuestionnaireRow) {
  return {
    version: row.version,
    passMark: row.passMark,
    maxScore: maxScoreOf(row.questions),
    questions: row.questions,
    createdAt: row.createdAt,
  };
}

const presentCharter = (row: { version: number; body: string; createdAt: Date }) => ({
  version: row.version,
  text: row.body,
  createdAt: row.createdAt,
});

/** The funder's questionnaire: the current version and the list of all. */
export async function questionnaireOf(db: Queryable, actor: Actor, funderId: string) {
  requireFunder(actor, 'funder:read', funderId, 'Financeur');
  const rows = await repo.questionnaires(db, funderId);
  return {
    current: rows[0] ? presentQuestionnaire(rows[0]) : null,
    versions: rows.map((r) => ({ version: r.version, passMark: r.passMark, createdAt: r.createdAt })),
  };
}

/** A new version of the questionnaire: places answer it from now on; past answers keep theirs. */
export async function publishQuestionnaire(
  db: Queryable,
  actor: Actor,
  funderId: string,
  input: { passMark: number; questions: QuestionInput[] },
) {
  requireFunder(actor, 'organisation:write', funderId, 'Financeur');
  const built = buildQuestionnaire(input.questions, input.passMark);
  if (built.issues.length) throw invalid(built.issues);
  return db.transaction(async (tx) => {
    const row = await repo.insertQuestionnaire(tx, {
      funderId,
      passMark: input.passMark,
      questions: built.questions,
      createdBy: actor.userId,
    });
    await audit.record(tx, {
      actor,
      funderId,
      action: 'questionnaire.publish',
      objectType: 'questionnaire',
      objectId: String(row.id),
      summary: {
        version: row.version,
        passMark: row.passMark,
        maxScore: built.maxScore,
        questions: built.questions.length,
      },
    });
    return presentQuestionnaire(row);
  });
}

export async function charterOf(db: Queryable, actor: Actor, funderId: string) {
  requireFunder(actor, 'funder:read', funderId, 'Financeur');
  const rows = await repo.charters(db, funderId);
  return {
    current: rows[0] ? presentCharter(rows[0]) : null,
    versions: rows.map((r) => ({ version: r.version, createdAt: r.createdAt })),
  };
}

/** A new version of the charter: places that accepted an older one must accept it again. */
export async function publishCharter(db: Queryable, actor: Actor, funderId: string, input: { text: string }) {
  requireFunder(actor, 'organisation:write', funderId, 'Financeur');
  if (!input.text.trim()) throw invalid([{ field: 'text', message: 'Écrivez le texte de la charte.' }]);
  return db.transaction(async (tx) => {
    const row = await repo.insertCharter(tx, { funderId, body: input.text, createdBy: actor.userId });
    await audit.record(tx, {
      actor,
      funderId,
      action: 'charter.publish',
      objectType: 'charter',
      objectId: String(row.id),
      summary: { version: row.version, length: row.body.length },
    });
    return presentCharter(row);
  });
}

/** The place's admin, on the roster of `funderId`: what may apply and sign for the place. */
async function placeAdminWithFunder(tx: Queryable, actor: Actor, placeId: string, funderId: string) {
  requirePlaceAdmin(actor, placeId);
  const place = await funders.findOrganisation(tx, funderId, placeId);
  if (!place || place.kind !== 'place') throw notFound('Financeur');
  return place;
}

function requirePlaceAdmin(actor: Actor, placeId: string) {
  if (placeRoleOf(actor, placeId) !== 'place_admin')
    throw new DomainError(
      'forbidden',
      "Seul l'administrateur du lieu engage le lieu (questionnaire, charte, compte bancaire) : demandez-lui de le faire.",
    );
}

/**
 * Refuses what brings a place into a programme that takes no new places: an application, and
 * the funder's answer to one (places.decide: an approval or a refusal, whose e-mail tells the
 * place it may apply again). `field` is the one the refusal names.
 */
export function requireTakesApplications(
  program: { name: string; status: ProgramPhase },
  field: string,
  message: string,
) {
  if (TAKES_APPLICATIONS.has(program.status)) return;
  throw conflict(
    'program_closed_to_applications',
    `Le dispositif ${program.name} est ${PHASE_LABELS[program.status].toLowerCase()} : il ne prend plus de nouveaux lieux.`,
    [{ field, message }],
  );
}

/**
 * When the place last applied to the programme (null: never). An application submitted since
 * the funder's last decision on it is pending: the one thing a refusal answers.
 */
export async function lastApplicationAt(
  tx: Queryable,
  funderId: string,
  programId: string,
  placeId: string,
): Promise<Date | null> {
  return repo.lastApplicationAt(tx, funderId, programId, placeId);
}

/** The place answers the funder's questionnaire for a programme; the server scores it. */
export async function apply(
  db: Queryable,
  actor: Actor,
  placeId: string,
  input: { programId: string; questionnaireVersion: number; answers: Answer[] },
) {
  placeRoleOf(actor, placeId);
  const program = await programs.get(db, actor, input.programId).catch(() => {
    throw invalid([
      {
        field: 'programId',
        message: 'Choisissez un dispositif d’un financeur avec lequel le lieu travaille.',
      },
    ]);
  });
  const funderId = program.funderId;
  requireTakesApplications(program, 'programId', 'Choisissez un dispositif en cours ou à venir.');
  return db.transaction(async (tx) => {
    const place = await placeAdminWithFunder(tx, actor, placeId, funderId);
    const [current] = await repo.questionnaires(tx, funderId);
    if (!current)
      throw conflict(
        'no_questionnaire',
        "Ce financeur n'a pas encore publié son questionnaire : revenez plus tard.",
      );
    if (current.version !== input.questionnaireVersion)
      throw conflict(
        'questionnaire_outdated',
        `Le financeur a publié une nouvelle version du questionnaire (version ${current.version}) : répondez à celle-ci.`,
      );
    const { score, maxScore, issues } = scoreAnswers(current.questions, input.answers);
    if (issues.length) throw invalid(issues, 'Répondez à chaque question du questionnaire.');
    const row = await repo.insertApplication(tx, {
      funderId,
      programId: input.programId,
      placeId,
      questionnaireId: current.id,
      answers: input.answers,
      score,
      maxScore,
      passMark: current.passMark,
      submittedBy: actor.userId,
    });
    await audit.record(tx, {
      actor,
      funderId,
      action: 'place.apply',
      objectType: 'organisation',
      objectId: placeId,
      summary: {
        placeName: place.name,
        programId: input.programId,
        questionnaireVersion: current.version,
        score,
        passMark: current.passMark,
      },
    });
    return presentApplication(
      {
        ...row,
        questionnaireVersion: current.version,
        submittedAt: row.createdAt,
        submittedBy: null,
      },
      current.questions,
    );
  });
}

function presentApplication(
  row: Awaited<ReturnType<typeof repo.applications>>[number],
  questions?: repo.QuestionnaireRow['questions'],
) {
  return {
    id: row.id,
    programId: row.programId,
    questionnaireVersion: row.questionnaireVersion,
    answers: row.answers,
    score: row.score,
    maxScore: row.maxScore,
    passMark: row.passMark,
    passed: row.score >= row.passMark,
    submittedAt: row.submittedAt,
    submittedBy: row.submittedBy,
    ...(questions ? { questions } : {}),
  };
}

/** The place's admin accepts the funder's current charter, in the name of a signatory. */
export async function acceptCharter(
  db: Queryable,
  actor: Actor,
  placeId: string,
  input: { funderId: string; version: number; signatory: string },
) {
  return db.transaction(async (tx) => {
    const place = await placeAdminWithFunder(tx, actor, placeId, input.funderId);
    const [current] = await repo.charters(tx, input.funderId);
    if (!current) throw conflict('no_charter', "Ce financeur n'a pas encore publié de charte.");
    if (current.version !== input.version)
      throw conflict(
        'charter_outdated',
        `Le financeur a publié une nouvelle version de sa charte (version ${current.version}) : lisez-la et acceptez celle-ci.`,
      );
    const signatory = oneLine(input.signatory);
    const acceptedOn = businessDate();
    await repo.insertAcceptance(tx, {
      placeId,
      funderId: input.funderId,
      charterId: current.id,
      signatory,
      acceptedOn,
      acceptedBy: actor.userId,
    });
    await audit.record(tx, {
      actor,
      funderId: input.funderId,
      action: 'place.charter_accept',
      objectType: 'organisation',
      objectId: placeId,
      summary: { placeName: place.name, charterVersion: current.version, signatory, acceptedOn },
    });
    return { version: current.version, signatory, acceptedOn, current: true };
  });
}

/** The place's bank account changes: a new record, checked with ibantools; the latest is current. */
export async function setBankAccount(
  db: Db,
  actor: Actor,
  placeId: string,
  input: { iban: string; bic: string; holder: string; currentPassword: string },
  address: string,
) {
  requirePlaceAdmin(actor, placeId);
  const checked = checkBankAccount(input, '');
  if (!checked.ok) throw invalid(checked.issues);
  const account = checked.value;
  // Where the money goes is what a stolen session changes first: the person proves it is them.
  await auth.confirmPassword(db, actor, input.currentPassword, address);
  return db.transaction(async (tx) => {
    // Taken in turn: a form sent twice (a double click) records the account once, and its
    // admins are not told twice of a change that did not happen.
    await funders.lockPlaceForStaffChange(tx, placeId);
    // The funder's RIB at hand, pasted as the place's: its transfers would go from the funder's
    // account to itself and the statements read paid (payments/runs.ts refuses such a run too).
    const payers = await funders.fundersDebitingIban(tx, account.iban);
    if (payers.length)
      throw invalid([
        {
          field: 'iban',
          message: `IBAN : c’est le compte de ${payers.join(', ')}, d’où partent les paiements. Saisissez le compte du lieu, sur lequel il est payé.`,
        },
      ]);
    const [before] = await repo.bankAccounts(tx, placeId);
    // The same account once more is no change, unless the bank sent a transfer back from it:
    // recorded anew, it is the place's word that the account is valid (the bank erred), and
    // the transfers held for it are sent again (payments' current account).
    if (
      before &&
      before.iban === account.iban &&
      before.bic === account.bic &&
      before.holder === account.holder &&
      !(await payments.accountReturned(tx, placeId, before.id))
    )
      return { ...presentBank(before, true), formerAccountTransfers: [] };
    await repo.insertBankAccount(tx, { placeId, ...account, createdBy: actor.userId });
    // As the list shows it, who recorded it included (the row alone has their id, not their name).
    const [current] = await repo.bankAccounts(tx, placeId);
    const former = await payments.transfersToFormerAccounts(tx, placeId, current!.id);
    // Each funder the place works with sees the change in its own journal (masked there).
    const funderIds = placeFundersOf(actor, placeId);
    for (const funderId of funderIds.length ? funderIds : [null])
      await audit.record(tx, {
        actor,
        funderId,
        action: 'place.bank_account',
        objectType: 'organisation',
        objectId: placeId,
        summary: { iban: maskIban(account.iban), bic: account.bic, holder: account.holder },
      });
    // The account that is paid: the classic diversion of a payment. Every admin of the place learns it.
    // Its admins learn which transfers, engaged before, still go to the former account.
    await safeguards.toPlaceAdmins(placeId, actor)(tx, {
      change: 'bank_account',
      iban: account.iban,
      formerAccountTransfers: former,
    });
    await tellFundersOfWaitingRuns(tx, placeId, account.iban, former);
    return {
      ...presentBank(current!, true),
      formerAccountTransfers: former.map(({ funderId: _, ...t }) => t),
    };
  });
}

/**
 * A funder whose run, not sent yet, holds a transfer to the place's former account: its admins
 * learn it before sending the file, and may prepare the run anew for the new account (a run pays
 * the accounts it was prepared and approved with). A file already sent is the place's to know.
 */
async function tellFundersOfWaitingRuns(
  tx: Queryable,
  placeId: string,
  iban: string,
  former: Awaited<ReturnType<typeof payments.transfersToFormerAccounts>>,
) {
  const waiting = former.filter((t) => t.state !== 'sent');
  if (waiting.length === 0) return;
  const placeName = (await funders.organisationNames(tx, [placeId])).get(placeId) ?? '';
  for (const funderId of new Set(waiting.map((t) => t.funderId))) {
    const transfers = waiting
      .filter((t) => t.funderId === funderId)
      .map((t) => ({
        amountCents: t.amountCents,
        state: t.state as 'prepared' | 'approved',
        since: t.since,
        formerIbanEnd: t.formerIbanEnd,
      }));
    await notifications.enqueueMany(
      tx,
      (await auth.funderAdminEmails(tx, funderId)).map((to) => ({
        to,
        template: 'place_account_changed' as const,
        funderId,
        params: { funderId, placeName, changedOn: businessDate(), ibanEnd: iban.slice(-4), transfers },
      })),
    );
  }
}

type BankRow = Awaited<ReturnType<typeof repo.bankAccounts>>[number];
const presentBank = (row: BankRow, full: boolean) => ({
  ...row,
  iban: full ? row.iban : maskIban(row.iban),
  bic: full ? row.bic : maskBic(row.bic),
  full,
});

/** The place's bank accounts, current first: whole for its admin, masked for its agents. */
export async function bankAccountsOfPlace(db: Queryable, actor: Actor, placeId: string) {
  const full = placeRoleOf(actor, placeId) === 'place_admin';
  return (await repo.bankAccounts(db, placeId)).map((r) => presentBank(r, full));
}

/**
 * Which of a person's places have recorded a bank account, in one query: the overview of « Mes
 * lieux ». Only the places where the actor works (agents read the account masked, so whether
 * there is one is theirs to know too).
 */
export async function placesWithBankAccount(db: Queryable, actor: Actor, placeIds: string[]) {
  const own = placeIds.filter((id) => worksAtPlace(actor, id));
  return repo.placesWithBankAccount(db, own);
}

/**
 * Where the place stands with each funder it works with: their questionnaire and charter, its
 * acceptance and its latest application per programme; and its current bank account.
 */
export async function placeQualification(db: Db, actor: Actor, placeId: string) {
  const full = placeRoleOf(actor, placeId) === 'place_admin';
  const [bank] = await repo.bankAccounts(db, placeId);
  const result = [];
  for (const funderId of placeFundersOf(actor, placeId)) {
    const view = await funderView(db, funderId, placeId);
    const list = await programs.listForFunder(db, actor, funderId);
    result.push({
      funderId,
      funderName: await funders.nameOf(db, funderId),
      questionnaire: view.questionnaire,
      charter: view.charter,
      charterAcceptance: view.charterAcceptance,
      programs: list
        .filter(
          (p) => TAKES_APPLICATIONS.has(p.status) || view.applications.some((a) => a.programId === p.id),
        )
        .map((p) => ({
          programId: p.id,
          programName: p.name,
          takesApplications: TAKES_APPLICATIONS.has(p.status),
          application: view.applications.find((a) => a.programId === p.id) ?? null,
        })),
    });
  }
  result.sort((a, b) => a.funderName.localeCompare(b.funderName, 'fr'));
  return { bankAccount: bank ? presentBank(bank, full) : null, funders: result };
}

async function funderView(db: Queryable, funderId: string, placeId: string) {
  const [questionnaire] = await repo.questionnaires(db, funderId);
  const [charter] = await repo.charters(db, funderId);
  const acceptance = await repo.latestAcceptance(db, placeId, funderId);
  const latest = new Map<string, Awaited<ReturnType<typeof repo.applications>>[number]>();
  for (const a of await repo.applications(db, placeId, funderId))
    if (!latest.has(a.programId)) latest.set(a.programId, a);
  const applications = [];
  for (const a of latest.values()) {
    const version = await repo.questionnaireVersion(db, funderId, a.questionnaireVersion);
    applications.push(presentApplication(a, version?.questions));
  }
  return {
    questionnaire: questionnaire ? presentQuestionnaire(questionnaire) : null,
    charter: charter ? presentCharter(charter) : null,
    charterAcceptance: acceptance
      ? {
          version: acceptance.version,
          signatory: acceptance.signatory,
          acceptedOn: acceptance.acceptedOn,
          current: acceptance.version === charter?.version,
        }
      : null,
    applications,
  };
}

/**
 * The place's qualification as the funder sees it (for places.placeForFunder, which has
 * authorised the actor on the funder and found the place on its roster): the bank account is
 * whole for the funder's admins once the place works with the funder (it accepted its charter,
 * applied to one of its programmes, or was qualified by it), masked otherwise and for readers.
 * A SIRET is public: adding a place to one's roster must not reveal where it is paid.
 */
export async function forFunder(
  db: Queryable,
  actor: Actor,
  funderId: string,
  placeId: string,
  qualifiedByFunder: boolean,
) {
  const [bank] = await repo.bankAccounts(db, placeId);
  const view = await funderView(db, funderId, placeId);
  const turnedToFunder = qualifiedByFunder || view.charterAcceptance !== null || view.applications.length > 0;
  const full = turnedToFunder && can(actor, 'organisation:write', funderId);
  return { ...view, bankAccount: bank ? presentBank(bank, full) : null };
}

/** The latest application of each place of the funder for each programme (the roster's column). */
export async function latestApplicationsOfFunder(db: Queryable, funderId: string) {
  return repo.latestApplicationsOfFunder(db, funderId);
}

/**
 * One thing that stands between a place and its approval for a programme, in the words of the
 * refusal. `yours` names the funder's own step (its questionnaire, its charter), done on its
 * qualification page; null for the place's.
 */
export interface ApprovalGap extends FieldIssue {
  yours: 'questionnaire' | 'charter' | null;
}

/** What an approval looks at, read once for all of the funder's programmes. */
async function approvalFacts(tx: Queryable, funderId: string, placeId: string) {
  const [questionnaire] = await repo.questionnaires(tx, funderId);
  const applications = await repo.applications(tx, placeId, funderId);
  const [charter] = await repo.charters(tx, funderId);
  const acceptance = await repo.latestAcceptance(tx, placeId, funderId);
  const hasBankAccount = (await repo.bankAccounts(tx, placeId)).length > 0;
  return { questionnaire, applications, charter, acceptance, hasBankAccount };
}

/**
 * The gaps of one programme: a submitted application at or above the pass mark, the funder's
 * current charter accepted, a bank account. Empty when none.
 */
function gapsOf(facts: Awaited<ReturnType<typeof approvalFacts>>, programId: string): ApprovalGap[] {
  const { questionnaire, charter, acceptance } = facts;
  const gaps: ApprovalGap[] = [];
  const application = facts.applications.find((a) => a.programId === programId);
  if (!questionnaire && !application)
    gaps.push({
      field: 'application',
      message: "vous n'avez pas encore publié de questionnaire : le lieu n'a pas pu y répondre",
      yours: 'questionnaire',
    });
  else if (!application)
    gaps.push({
      field: 'application',
      message: "le lieu n'a pas répondu au questionnaire pour ce dispositif",
      yours: null,
    });
  else if (application.score < application.passMark)
    gaps.push({
      field: 'score',
      message: `son score (${points(application.score)}) est sous le seuil d’admission (${points(application.passMark)})`,
      yours: null,
    });
  if (!charter)
    gaps.push({ field: 'charter', message: "vous n'avez pas encore publié de charte", yours: 'charter' });
  else if (!acceptance)
    gaps.push({ field: 'charter', message: "le lieu n'a pas accepté votre charte", yours: null });
  else if (acceptance.version !== charter.version)
    gaps.push({
      field: 'charter',
      message: `le lieu a accepté la version ${acceptance.version} de votre charte, pas celle en vigueur (version ${charter.version})`,
      yours: null,
    });
  if (!facts.hasBankAccount)
    gaps.push({
      field: 'bankAccount',
      message: "le lieu n'a pas donné son compte bancaire (IBAN, BIC, titulaire)",
      yours: null,
    });
  return gaps;
}

/** What stands between a place and its approval for a programme (places.decide refuses on it). */
export async function approvalGaps(
  tx: Queryable,
  funderId: string,
  programId: string,
  placeId: string,
): Promise<ApprovalGap[]> {
  return gapsOf(await approvalFacts(tx, funderId, placeId), programId);
}

/**
 * The same, for each of these programmes of the funder: the place's page says what an approval
 * would be refused for before « Approuver » is pressed, by the very rule of the refusal.
 */
export async function approvalGapsOfPrograms(
  tx: Queryable,
  funderId: string,
  placeId: string,
  programIds: string[],
) {
  const facts = await approvalFacts(tx, funderId, placeId);
  return programIds.map((programId) => ({ programId, gaps: gapsOf(facts, programId) }));
}
