import { generateApiKey, parseApiKey, secretMatches } from '../../core/api-key.js';
import { businessDate } from '../../core/dates.js';
import { conflict, DomainError, invalid, notFound } from '../../core/errors.js';
import { oneLine } from '../../core/french.js';
import { LruCache } from '../../core/lru.js';
import { type Actor, PLACE_ROLES, requireFunder } from '../../core/permissions.js';
import { TAKES_APPLICATIONS } from '../../core/program/status.js';
import type { Db, Queryable } from '../../db/client.js';
import type { FunderDecision, QualificationDecision } from '../../db/schema/index.js';
import { FailureLimiter, ShutOut } from '../../http/failure-limiter.js';
import * as audit from '../audit/service.js';
import * as auth from '../auth/service.js';
import * as funders from '../funders/service.js';
import * as notifications from '../notifications/service.js';
import * as programs from '../programs/service.js';
import * as qualification from '../qualification/service.js';
import * as repo from './repo.js';
import { LEAVE_REASON } from './schemas.js';

/**
 * The place an agent (or admin) works for. A place the actor does not work at does not
 * exist for them (404), whoever owns it.
 */
export function placeOf(actor: Actor, placeId: string) {
  const m = actor.memberships.find((x) => PLACE_ROLES.includes(x.role) && x.organisationId === placeId);
  if (!m) throw notFound('Lieu');
  return { placeId };
}

/** The place whose API keys the actor manages: its admin only; its agents see a 403. */
export function placeAdminOf(actor: Actor, placeId: string) {
  const place = placeOf(actor, placeId);
  const admin = actor.memberships.some((x) => x.role === 'place_admin' && x.organisationId === placeId);
  if (!admin)
    throw new DomainError(
      'forbidden',
      'Seul l’administrateur du lieu gère ses clés d’API : demandez-lui de le faire.',
    );
  return place;
}

export async function listKeys(db: Queryable, actor: Actor, placeId: string) {
  placeAdminOf(actor, placeId);
  return repo.keysOf(db, placeId);
}

/**
 * The labels of the place's keys, by id, in one query: its sessions recorded by its software say
 * which key did (the caller has authorised).
 */
export async function keyLabelsOf(
  tx: Queryable,
  placeId: string,
  keyIds: string[],
): Promise<Map<string, string>> {
  const rows = await repo.keyLabelsOf(tx, placeId, [...new Set(keyIds)]);
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** Days of calls a place's admin sees per key. */
export const USAGE_DAYS = 14;

/**
 * The calls of the place's keys per day over the last two weeks, and their last refusals
 * (status and code, which its developer finds in the OpenAPI document). What this server has
 * counted and not written yet is added first by the route (places/usage.ts imports this file).
 */
export async function keyUsage(db: Db, actor: Actor, placeId: string) {
  placeAdminOf(actor, placeId);
  const since = businessDate(new Date(Date.now() - (USAGE_DAYS - 1) * 86_400_000));
  const [days, lastErrors] = await Promise.all([
    repo.keyUsageSince(db, placeId, since),
    repo.keyErrorsOf(db, placeId),
  ]);
  return { since, days, lastErrors };
}

/** Creates a key; `actor` null is the command line, run by the operator. */
export async function createKey(db: Queryable, actor: Actor | null, placeId: string, typed: string) {
  if (actor) placeAdminOf(actor, placeId);
  else await existingPlace(db, placeId);
  // Spaces folded, as a funder's name: « caisse  TEST » was a second key « Caisse test ».
  const label = oneLine(typed);
  const fresh = generateApiKey();
  return db.transaction(async (tx) => {
    const twin = await repo.liveKeyNamed(tx, placeId, label);
    if (twin)
      throw conflict(
        'api_key_label_taken',
        `Une clé en service s’appelle déjà « ${twin.label} » : donnez à celle-ci un autre nom (par exemple celui du poste ou du logiciel), pour les distinguer.`,
        [{ field: 'label', message: `Une clé en service s’appelle déjà « ${twin.label} ».` }],
      );
    const row = await repo.insertKey(tx, {
      placeId,
      label,
      prefix: fresh.prefix,
      secretHash: fresh.secretHash,
      createdBy: actor?.userId ?? null,
    });
    // A place belongs to no funder: its keys' trail is the platform's (and the place's own).
    await audit.record(tx, {
      actor,
      funderId: null,
      action: 'api_key.create',
      objectType: 'api_key',
      objectId: row.id,
      summary: { placeId, label, prefix: row.prefix },
    });
    return { ...row, key: fresh.key };
  });
}

async function existingPlace(db: Queryable, placeId: string) {
  const place = await funders.findPlace(db, placeId);
  if (!place) throw invalid([{ field: 'place', message: 'Aucun lieu ne porte cet identifiant.' }]);
  return place;
}

export async function revokeKey(db: Queryable, actor: Actor, placeId: string, keyId: string) {
  placeAdminOf(actor, placeId);
  return db.transaction(async (tx) => {
    const row = await repo.revokeKey(tx, placeId, keyId);
    if (!row) throw notFound('Clé');
    keyCache.delete(row.prefix);
    await audit.record(tx, {
      actor,
      funderId: null,
      action: 'api_key.revoke',
      objectType: 'api_key',
      objectId: keyId,
      summary: { placeId, prefix: row.prefix },
    });
    return row;
  });
}

export interface KeyCaller {
  keyId: string;
  placeId: string;
  label: string;
}

type CachedKey = Awaited<ReturnType<typeof repo.keyByPrefix>>;
// Redemptions are the hot path: a key is read from the database at most every few
// seconds per instance. A revocation is immediate on the instance that made it and
// reaches the others within KEY_CACHE_MS. Unknown prefixes are remembered too (a flood of
// made-up keys costs no query each), so the cache is bounded: least recently used first out.
const KEY_CACHE_MS = 5000;
export const KEY_CACHE_SIZE = 5000;
const keyCache = new LruCache<string, { row: CachedKey; at: number }>(KEY_CACHE_SIZE);
export const keyCacheSize = () => keyCache.size;

/**
 * Bearers that match no key, per address: a few mistakes are allowed (a key pasted
 * wrong), a guesser is told to wait, and only wrong keys are. Counted like unknown codes
 * (http/failure-limiter.ts).
 */
const KEY_FAILURE_LIMIT = 10;
const KEY_FAILURE_WINDOW_MS = 10 * 60_000;
const keyGuesses = new FailureLimiter('unknown api key', KEY_FAILURE_LIMIT, KEY_FAILURE_WINDOW_MS);

/**
 * The key an `Authorization` header presents, if it uses the Bearer scheme (RFC 6750), else
 * undefined. The scheme's name is case-insensitive (RFC 9110 §11.1): a place's software that
 * writes `bearer` is not refused for it.
 */
export function presentedKey(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^bearer +(.*)$/i);
  return match ? match[1]!.trim() : undefined;
}

const invalidKey = () => new DomainError('invalid_api_key', 'Clé d’API absente, invalide ou révoquée.');

/** The key's place; `address` (the client's) is limited in how many wrong keys it may try. */
export async function authenticateKey(
  db: Queryable,
  presented: string,
  address?: string,
): Promise<KeyCaller> {
  if (address === undefined) return keyCaller(db, presented);
  try {
    return await keyGuesses.run(
      db,
      [`ip:${address}`],
      () => keyCaller(db, presented),
      (error) => error instanceof DomainError && error.code === 'invalid_api_key',
    );
  } catch (error) {
    if (!(error instanceof ShutOut)) throw error;
    // The limit is on wrong keys: a key that works passes. Several places' software may share
    // one address (a vendor's server, a proxy), and one of them still sending its revoked key
    // must not stop the others. A guesser gains nothing: a key's secret is 256 random bits.
    const caller = await keyCaller(db, presented).catch(() => undefined);
    if (caller) return caller;
    // The caller is a server: « ce serveur ou ce réseau » names the network address counted,
    // where « cette adresse » was read as an e-mail address (as for sign-ins, auth/sign-in.ts).
    throw new DomainError(
      'rate_limited',
      'Trop de clés d’API invalides ont été présentées depuis ce serveur ou ce réseau : patientez avant de réessayer.',
      [],
      { retryAfterS: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) },
    );
  }
}

async function keyCaller(db: Queryable, presented: string): Promise<KeyCaller> {
  const parsed = parseApiKey(presented);
  if (!parsed) throw invalidKey();
  let cached = keyCache.get(parsed.prefix);
  if (!cached || Date.now() - cached.at > KEY_CACHE_MS) {
    cached = { row: await repo.keyByPrefix(db, parsed.prefix), at: Date.now() };
    keyCache.set(parsed.prefix, cached);
    if (cached.row && !cached.row.revokedAt) void repo.touchKey(db, cached.row.id).catch(() => {});
  }
  const row = cached.row;
  if (!row || row.revokedAt || !secretMatches(parsed.secret, row.secretHash)) throw invalidKey();
  return { keyId: row.id, placeId: row.placeId, label: `clé ${row.prefix}` };
}

const DECISION_ACTIONS = {
  approved: 'place.approve',
  refused: 'place.refuse',
  suspended: 'place.suspend',
  reinstated: 'place.reinstate',
  revoked: 'place.revoke',
  left: 'place.leave',
} as const satisfies Record<QualificationDecision, string>;

/** The decisions a funder may take on a place, given its standing for the programme now. */
const ALLOWED: Record<'none' | 'approved' | 'suspended', readonly FunderDecision[]> = {
  none: ['approved', 'refused'],
  approved: ['suspended', 'revoked'],
  suspended: ['reinstated', 'revoked'],
};

const STANDING_LABELS = {
  none: 'n’est pas qualifié pour ce dispositif',
  approved: 'est déjà qualifié pour ce dispositif',
  suspended: 'est suspendu pour ce dispositif',
} as const;

/**
 * A funder's decision on a place for one of its programmes: approve, refuse, suspend,
 * reinstate, revoke. Recorded, never edited (the place's history); the database folds the
 * decisions into the standing that redemption reads. `on` is for the operator's tools and
 * the demo; people decide as of today.
 */
export async function decide(
  db: Queryable,
  actor: Actor | null,
  programId: string,
  placeId: string,
  input: { decision: FunderDecision; reason?: string | null },
  on = businessDate(),
) {
  const reason = input.reason?.trim() || null;
  if (input.decision !== 'approved' && !reason)
    throw invalid([{ field: 'reason', message: 'Indiquez le motif de la décision : le lieu le lira.' }]);
  return db.transaction(async (tx) => {
    const { program, status } = await programs.lockAsOf(tx, actor, programId, on);
    const place = await funders.findOrganisation(tx, program.funderId, placeId);
    if (!place || place.kind !== 'place')
      throw invalid([
        { field: 'placeId', message: 'Choisissez un lieu avec lequel ce financeur travaille.' },
      ]);
    const standing = (await repo.standingOf(tx, programId, placeId)) ?? 'none';
    if (!ALLOWED[standing].includes(input.decision)) {
      throw new DomainError(
        'invalid_decision',
        `Décision impossible : le lieu « ${place.name} » ${STANDING_LABELS[standing]}.`,
      );
    }
    if (input.decision === 'refused')
      await requirePendingApplication(tx, program.funderId, programId, placeId);
    if (input.decision === 'approved')
      await requireReturnAfterLeaving(tx, program.funderId, programId, place);
    const programName = await programs.nameOf(tx, programId, on);
    // An approval brings a place into the programme, which takes new places only until its
    // passes' usage ends (qualification.apply). A refusal answers an application still pending
    // (above) at any time: one submitted while the programme ran and not answered before it
    // closed is closed by it, as an entry of the history, its e-mail not inviting the place to
    // apply again (programClosed). A suspension, a reinstatement or a withdrawal stays possible:
    // a late session is judged with the standing of its day. The demo (actor null) records a
    // past programme's places as qualified.
    const programClosed = !TAKES_APPLICATIONS.has(status);
    if (actor && input.decision === 'approved')
      qualification.requireTakesApplications(
        { name: programName, status },
        'decision',
        'Ce dispositif ne prend plus de nouveaux lieux : le lieu ne peut plus y être qualifié.',
      );
    // People approve a place only once it has qualified (issue 11, point 4); the operator's
    // command line and the demo (actor null) may approve directly.
    if (actor && input.decision === 'approved') {
      const gaps = await qualification.approvalGaps(tx, program.funderId, programId, placeId);
      if (gaps.length)
        throw new DomainError(
          'qualification_incomplete',
          `Le lieu « ${place.name} » ne peut pas encore être approuvé : ${gaps.map((g) => g.message).join(' ; ')}.`,
          gaps.map(({ field, message }) => ({ field, message })),
        );
    }
    const row = await repo.insertDecision(tx, {
      funderId: program.funderId,
      programId,
      placeId,
      decision: input.decision,
      reason,
      effectiveOn: on,
      decidedBy: actor?.userId ?? null,
    });
    await audit.record(tx, {
      actor,
      funderId: program.funderId,
      action: DECISION_ACTIONS[input.decision],
      objectType: 'organisation',
      objectId: placeId,
      summary: { programId, placeName: place.name, ...(reason ? { reason } : {}), effectiveOn: on },
    });
    await tellPlaceAdmins(tx, {
      funderId: program.funderId,
      programName,
      placeId,
      placeName: place.name,
      decision: input.decision,
      reason,
      effectiveOn: on,
      ...(input.decision === 'refused' && programClosed ? { programClosed: true } : {}),
    });
    return { id: row.id, decision: row.decision, effectiveOn: row.effectiveOn };
  });
}

/**
 * A refusal answers an application: the place's latest one for the programme, submitted since
 * the funder's last decision on it. Without one there is nothing to refuse: any funder may put a
 * place of the directory on its roster, and a refusal from a standing of none, allowed again and
 * again, let it e-mail the place's admins whatever « reason » it wrote, from the platform's
 * address. Once refused, the place may apply again (qualification.apply), and be answered again.
 */
async function requirePendingApplication(
  tx: Queryable,
  funderId: string,
  programId: string,
  placeId: string,
) {
  const applied = await qualification.lastApplicationAt(tx, funderId, programId, placeId);
  const decided = await repo.lastDecisionAt(tx, programId, placeId);
  if (applied && (!decided || applied > decided)) return;
  const message =
    'Ce lieu n’a pas demandé à rejoindre ce dispositif : il n’y a pas de candidature à refuser.';
  throw conflict('no_application_to_refuse', message, [{ field: 'decision', message }]);
}

/**
 * A place that stopped taking the programme's passes of its own accord comes back by applying
 * again: its former application, still on file, must not let the funder qualify it against its
 * word (the desk would take passes again for a place that said it no longer can).
 */
async function requireReturnAfterLeaving(
  tx: Queryable,
  funderId: string,
  programId: string,
  place: { id: string; name: string },
) {
  if ((await repo.lastDecisionOf(tx, programId, place.id)) !== 'left') return;
  await requirePendingApplication(tx, funderId, programId, place.id).catch(() => {
    const message = `Le lieu « ${place.name} » a cessé de prendre les pass de ce dispositif à sa demande : il doit candidater de nouveau avant d’être qualifié.`;
    throw conflict('place_left_program', message, [{ field: 'decision', message }]);
  });
}

/**
 * The place's admin says the place no longer takes a programme's passes (an association closing,
 * no mediator any more): a new entry of its history, `left`, with its reason, in force today.
 * The desk refuses the programme's passes from then on as for a withdrawn place (the unknown
 * code's answer, as for any programme a place does not take); the sessions recorded stay owed and go on its statements, and the
 * funder, told by e-mail, may issue its final statement. It may apply again later.
 */
export async function leaveProgram(
  db: Queryable,
  actor: Actor,
  placeId: string,
  programId: string,
  input: { reason: string },
  on = businessDate(),
) {
  placeOf(actor, placeId);
  if (!actor.memberships.some((x) => x.role === 'place_admin' && x.organisationId === placeId))
    throw new DomainError(
      'forbidden',
      'Seul l’administrateur du lieu peut dire que le lieu ne prend plus les pass d’un dispositif : demandez-lui de le faire.',
    );
  const reason = input.reason.trim();
  if (!reason) throw invalid([{ field: 'reason', message: LEAVE_REASON }]);
  return db.transaction(async (tx) => {
    // The row locked, as the funder's decisions lock it: a withdrawal at the same moment waits.
    const taken = await repo.programPlaceOf(tx, programId, placeId);
    if (!taken) {
      const message = 'Le lieu ne prend pas les pass de ce dispositif : il n’y a rien à cesser.';
      throw new DomainError('invalid_decision', message, [{ field: 'programId', message }]);
    }
    const funderId = taken.funderId;
    const placeName = (await funders.organisationNames(tx, [placeId])).get(placeId) ?? '';
    const programName = await programs.nameOf(tx, programId, on);
    const row = await repo.insertDecision(tx, {
      funderId,
      programId,
      placeId,
      decision: 'left',
      reason,
      effectiveOn: on,
      decidedBy: actor.userId,
    });
    await audit.record(tx, {
      actor,
      funderId,
      action: DECISION_ACTIONS.left,
      objectType: 'organisation',
      objectId: placeId,
      summary: { programId, placeName, reason, effectiveOn: on },
    });
    await notifications.enqueueMany(
      tx,
      (await auth.funderAdminEmails(tx, funderId)).map((to) => ({
        to,
        template: 'place_left_program' as const,
        funderId,
        params: { funderId, placeId, placeName, programName, reason, effectiveOn: on },
      })),
    );
    return { id: row.id, decision: row.decision, effectiveOn: row.effectiveOn };
  });
}

/**
 * Each admin of the place learns the decision, in its transaction, with the reason and what the
 * place may still do: a suspension or a withdrawal was otherwise learnt from a pass refused at
 * the desk. The funder's contact for places, if any, says whom to ask.
 */
async function tellPlaceAdmins(
  tx: Queryable,
  d: Omit<notifications.TemplateParams['qualification_decision'], 'funderName' | 'contact'> & {
    funderId: string;
  },
) {
  const { funderId, ...params } = d;
  const [funder] = await funders.placeContactsOf(tx, [funderId]);
  const contact = funder?.email ? { email: funder.email, phone: funder.phone } : null;
  const admins = await auth.memberEmails(tx, [d.placeId], ['place_admin']);
  await notifications.enqueueMany(
    tx,
    admins.map(({ email }) => ({
      to: email,
      template: 'qualification_decision' as const,
      funderId,
      params: { ...params, funderName: funder?.funderName ?? '', contact },
    })),
  );
}

/** The funder declares that a place accepts a programme's passes (an approval). */
export async function acceptProgram(
  db: Queryable,
  actor: Actor | null,
  programId: string,
  placeId: string,
  acceptedOn = businessDate(),
) {
  await decide(db, actor, programId, placeId, { decision: 'approved' }, acceptedOn);
  return repo.placesOfProgram(db, programId);
}

export async function placesOfProgram(db: Queryable, actor: Actor, programId: string) {
  await programs.get(db, actor, programId);
  return repo.placesOfProgram(db, programId);
}

/** The programmes, of every funder, that qualified the place: what its desk may redeem. */
export async function programsOfPlace(db: Queryable, actor: Actor, placeId: string) {
  placeOf(actor, placeId);
  return withProgramNames(db, await repo.programsOfPlace(db, placeId));
}

/** A place as one funder sees it: its standing for the funder's programmes and its history. */
export async function placeForFunder(db: Queryable, actor: Actor, funderId: string, placeId: string) {
  requireFunder(actor, 'stock:read', funderId, 'Financeur');
  const place = await funders.findOrganisation(db, funderId, placeId);
  if (!place || place.kind !== 'place') throw notFound('Lieu');
  const standings = (await repo.programsOfPlace(db, placeId)).filter((p) => p.funderId === funderId);
  const decisions = await repo.decisionsOf(db, placeId, funderId);
  // Where an approval is the next step (no standing yet), what it would be refused for.
  const undecided = (await programs.idsOfFunder(db, funderId)).filter(
    (id) => !standings.some((s) => s.programId === id),
  );
  return {
    id: place.id,
    name: place.name,
    siret: place.siret,
    communeCode: place.communeCode,
    communeName: funders.communeName(place.communeCode),
    shared: (await repo.rosterSizes(db, [placeId])).get(placeId)! > 1,
    inDirectory: await repo.hasProfile(db, placeId),
    // A place with its own admin runs its team: the funder's page does not offer to invite one.
    hasAdmin: await auth.placeRunsItsTeam(db, placeId),
    programs: await withProgramNames(db, standings),
    decisions: await withProgramNames(db, decisions),
    qualification: await qualification.forFunder(db, actor, funderId, placeId, decisions.length > 0),
    approvalGaps: await qualification.approvalGapsOfPrograms(db, funderId, placeId, undecided),
  };
}

/**
 * The funder's roster: every place it works with, shared or not, its standing for each of the
 * funder's programmes and its latest application's score (the funder's "Lieux" page).
 */
export async function rosterOf(db: Queryable, actor: Actor, funderId: string) {
  const places = await funders.organisationsOf(db, actor, funderId, 'place');
  const sizes = await repo.rosterSizes(
    db,
    places.map((p) => p.id),
  );
  const standings = await repo.standingsOfFunder(db, funderId);
  const applications = await qualification.latestApplicationsOfFunder(db, funderId);
  return places.map((p) => ({
    id: p.id,
    name: p.name,
    communeCode: p.communeCode,
    communeName: funders.communeName(p.communeCode),
    shared: (sizes.get(p.id) ?? 1) > 1,
    standings: standings
      .filter((s) => s.placeId === p.id)
      .map(({ programId, standing }) => ({ programId, standing })),
    applications: applications
      .filter((a) => a.placeId === p.id)
      .map(({ programId, score, passMark, submittedAt }) => ({ programId, score, passMark, submittedAt })),
  }));
}

/** The place's own history: every funder's decisions about it. */
export async function decisionsOfPlace(db: Queryable, actor: Actor, placeId: string) {
  placeOf(actor, placeId);
  return withProgramNames(db, await repo.decisionsOf(db, placeId));
}

async function withProgramNames<T extends { programId: string }>(db: Queryable, rows: T[]) {
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.programId))) names.set(id, await programs.nameOf(db, id));
  return rows.map((r) => ({ ...r, programName: names.get(r.programId) ?? '' }));
}

/** The places that take the programme's passes now (standing approved), for the funder's messages to them. */
export async function approvedPlacesOf(tx: Queryable, programId: string): Promise<string[]> {
  return repo.approvedPlacesOf(tx, programId);
}
